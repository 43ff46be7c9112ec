package io.qiao.sync.record;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
    record Archive(@NotBlank String archiveNo, @NotBlank String title,
                   @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}") String docDate, @PositiveOrZero int pages) {
    }

    private static final List<String> PERIODS = List.of("永久", "30年", "10年", "短期");

    @Test
    void beanValidation_reportsEveryViolationWithFieldAndValue_withoutAnElImplementation() {
        RecordValidator<Archive> v = Validators.beanValidation();

        List<Violation> found = v.validate(new Archive("A-1", " ", "2024/13/01", -2));

        assertThat(found).extracting(Violation::toString).containsExactly(
                "docDate: '2024/13/01' must match \"\\d{4}-\\d{2}-\\d{2}\"",
                "pages: '-2' must be greater than or equal to 0",
                "title: ' ' must not be blank");
        assertThat(v.validate(new Archive("A-1", "合同", "2024-05-01", 3))).isEmpty();
    }

    @Test
    void beanValidation_inAJob_deadLettersInvalidRecordsWithTheirViolations() {
        InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
        SyncJob<Archive, Archive> job = SyncJob.builder("archives")
                .source(ListSource.of(List.of(new Archive("A-1", "合同", "2024-05-01", 1), new Archive("A-2", "", "x", 1))))
                .validate(Validators.beanValidation())
                .sink(InMemorySink.keyedBy(Archive::archiveNo))
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(deadLetters).keyOf(Archive::archiveNo)
                .build();

        SyncReport report = job.runOnce();

        assertThat(report.written()).isEqualTo(1);
        assertThat(deadLetters.list("archives", false, 10)).singleElement()
                .satisfies(d -> assertThat(d.reasons()).containsExactly(
                        "docDate: 'x' must match \"\\d{4}-\\d{2}-\\d{2}\"", "title: '' must not be blank"));
    }

    @Test
    void rules_replaceTheOldScriptChecks_andReturnEveryViolation() {
        RecordValidator<Map<String, ?>> v = Rules.all(
                Rules.requiredKeys("archive_no", "title", "author", "doc_date", "retention_period"),
                Rules.dateFormat("doc_date", m -> m.get("doc_date"), "yyyy-MM-dd"),
                Rules.allowedValues("retention_period", m -> m.get("retention_period"), PERIODS));
        Map<String, Object> record = new HashMap<>();
        record.put("archive_no", "WS-2024-001");
        record.put("title", "");
        record.put("doc_date", "2024/13/01");
        record.put("retention_period", "5年");

        assertThat(v.validate(record)).extracting(Violation::toString).containsExactly(
                "title: is required",
                "author: is required",
                "doc_date: '2024/13/01' is not a date yyyy-MM-dd",
                "retention_period: '5年' is not one of [永久, 30年, 10年, 短期]");
    }

    @Test
    void dateFormat_isStrict_andLeavesMissingValuesToRequired() {
        RecordValidator<String> date = Rules.dateFormat("d", s -> s, "yyyy-MM-dd");
        RecordValidator<String> dateTime = Rules.dateFormat("d", s -> s, "yyyy-MM-dd HH:mm:ss");

        assertThat(date.validate("2024-02-29")).isEmpty();
        assertThat(date.validate("2023-02-29")).hasSize(1);
        assertThat(date.validate("2024-02-30")).hasSize(1);
        assertThat(date.validate(null)).isEmpty();
        assertThat(dateTime.validate("2024-05-01 23:59:59")).isEmpty();
        assertThat(dateTime.validate("2024-05-01T23:59:59")).extracting(Violation::toString)
                .containsExactly("d: '2024-05-01T23:59:59' is not a date yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void maxLengthAndMatches_nameTheProblem() {
        record Doc(String no) {
        }
        RecordValidator<Doc> v = Rules.all(Rules.maxLength("no", Doc::no, 5), Rules.matches("no", Doc::no, "[A-Z]+-\\d+"));

        assertThat(v.validate(new Doc("AB-1"))).isEmpty();
        assertThat(v.validate(new Doc("ab-123"))).extracting(Violation::toString)
                .containsExactly("no: is 6 characters long, more than 5", "no: 'ab-123' does not match [A-Z]+-\\d+");
    }

    @Test
    void beanValidation_letsNoHibernateValidatorBannerReachJavaUtilLogging() throws Exception {
        // A fresh class loader, so that Hibernate Validator starts (and announces itself) again.
        List<LogRecord> published = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.hibernate")) {
                    synchronized (published) {
                        published.add(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        try (URLClassLoader host = isolated(entry -> true)) {
            host.loadClass(Validators.class.getName()).getMethod("beanValidation").invoke(null);
        } finally {
            root.removeHandler(recorder);
        }
        assertThat(published).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void beanValidation_withNoProviderOnTheClassPath_failsInOneSentenceNamingTheWayOut() throws Exception {
        try (URLClassLoader host = isolated(entry -> !entry.contains("hibernate-validator"))) {
            Method beanValidation = host.loadClass(Validators.class.getName()).getMethod("beanValidation");
            assertThatThrownBy(() -> beanValidation.invoke(null))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(SyncException.class.getName()))
                    .hasMessage("Validators.beanValidation() needs a Jakarta Bean Validation provider on the class path "
                            + "(qiao-sync-core brings Hibernate Validator unless it is excluded); add one, or pass your "
                            + "own Validator to Validators.beanValidation(validator)");
        }
    }

    /** A class loader of this test's class path entries that {@code keep} accepts, sharing nothing with this one. */
    private static URLClassLoader isolated(Predicate<String> keep) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (keep.test(entry)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
