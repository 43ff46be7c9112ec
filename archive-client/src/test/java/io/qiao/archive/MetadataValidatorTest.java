package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.model.ArchiveNo;
import io.qiao.archive.model.Violation;
import io.qiao.archive.model.ArchiveFile;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataValidatorTest {
    private static final Clock JUNE_2024 = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private final MetadataValidator defaults = MetadataValidator.builder().clock(JUNE_2024).build();
    private final MetadataValidator structured = MetadataValidator.builder().clock(JUNE_2024).structuredArchiveNo()
            .standardRetentionOnly().build();

    private static ArchiveMetadata.Builder valid() {
        return ArchiveMetadata.builder().archiveNo("Z109-WS·2024-Y-BGS-0001").title("会议纪要").author("办公室")
                .docDate("2024-03-01").retentionPeriod("永久");
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }

    @Test
    void validate_aCompleteRecord_hasNoViolations_inEitherMode() {
        assertThat(defaults.validate(valid().build())).isEmpty();
        assertThat(structured.validate(valid().build())).isEmpty();
    }

    @Test
    void validate_anEmptyRecord_namesEveryRequiredField_inFieldOrder() {
        assertThat(messages(defaults.validate(ArchiveMetadata.builder().title(" ").build()))).containsExactly(
                "archiveNo: is required", "title: ' ' is required", "author: is required", "docDate: is required",
                "retentionPeriod: is required");
    }

    @Test
    void validate_dates_mustBeRealAndNotInTheFuture() {
        assertThat(messages(defaults.validate(valid().docDate("2024-02-30").build())))
                .containsExactly("docDate: '2024-02-30' is not a real date");
        assertThat(messages(defaults.validate(valid().docDate("2024/03/01").build())))
                .containsExactly("docDate: '2024/03/01' is not a date in the form yyyy-MM-dd");
        assertThat(messages(defaults.validate(valid().docDate("2024-07-01").build())))
                .containsExactly("docDate: '2024-07-01' is in the future (today is 2024-06-01 in Asia/Shanghai)");
        assertThat(defaults.validate(valid().docDate("20240301").build())).isEmpty();
        assertThat(messages(defaults.validate(valid().archiveTime("2024-03-01 25:00:00").build())))
                .containsExactly("archiveTime: '2024-03-01 25:00:00' is not a date-time in the form yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void validate_retentionPeriod_acceptsTheOldScriptsAndDaT22Forms() {
        for (String p : new String[] {"永久", "30年", "10年", "短期", "定期30年", "定期10年", "Y", "D30", "D10"}) {
            assertThat(defaults.validate(valid().archiveNo("A-1").retentionPeriod(p).build())).as(p).isEmpty();
        }
        assertThat(messages(defaults.validate(valid().retentionPeriod("长期").build()))).containsExactly(
                "retentionPeriod: '长期' is not a retention period; expected 永久, 30年, 10年, 短期, 定期30年, 定期10年 "
                        + "or the codes Y, D30, D10");
        assertThat(messages(structured.validate(valid().retentionPeriod("短期").build()))).contains(
                "retentionPeriod: '短期' is the pre-2006 period; DA/T 22—2015 allows only 永久, 定期30年 or 定期10年");
    }

    @Test
    void validate_securityLevel_classifiedLevelsNeedASecrecyPeriodWithinTheLawsMaximum() {
        assertThat(defaults.validate(valid().securityLevel("公开").build())).isEmpty();
        assertThat(defaults.validate(valid().securityLevel("限制").build())).isEmpty();
        assertThat(defaults.validate(valid().securityLevel("秘密").secrecyPeriod("10年").build())).isEmpty();
        assertThat(defaults.validate(valid().securityLevel("绝密★长期").build())).isEmpty();
        assertThat(messages(defaults.validate(valid().securityLevel("机密").build()))).containsExactly(
                "secrecyPeriod: is required for the classified level 机密 (保密期限, e.g. 5年 or 长期)");
        assertThat(messages(defaults.validate(valid().securityLevel("秘密★15年").build()))).containsExactly(
                "secrecyPeriod: '15年' is outside 1 to 10 years, the 保密法 default for 秘密");
        assertThat(messages(defaults.validate(valid().securityLevel("保密").build()))).containsExactly(
                "securityLevel: '保密' is not a security level; expected 公开, 内部 (or 限制), 秘密, 机密, 绝密");
        assertThat(messages(defaults.validate(valid().securityLevel("公开").secrecyPeriod("5年").build())))
                .containsExactly("secrecyPeriod: '5年' is set but 公开 is not a classified level");
    }

    @Test
    void validate_structuredArchiveNo_checksTheStructureAndItsAgreementWithTheRecord() {
        assertThat(messages(structured.validate(valid().archiveNo("Z109-WS·2023-D10-BGS-0001").build()))).containsExactly(
                "archiveNo: 'Z109-WS·2023-D10-BGS-0001' has 保管期限 code D10 but retentionPeriod is 永久",
                "archiveNo: 'Z109-WS·2023-D10-BGS-0001' has 年度 2023 but docDate is in 2024 (DA/T 22—2015 files a "
                        + "document under the year it was formed)");
        assertThat(messages(structured.validate(valid().archiveNo("Z109-WS·2024-Y-BGS-1").build()))).containsExactly(
                "archiveNo: 'Z109-WS·2024-Y-BGS-1' 件号 '1' must be 4 digits, left-padded with 0 (e.g. 0001)");
        assertThat(defaults.validate(valid().archiveNo("2024-文书-001").build())).isEmpty(); // off by default
    }

    @Test
    void validate_structuredInDaT13Style_acceptsThatForm() {
        MetadataValidator v = MetadataValidator.builder().clock(JUNE_2024)
                .structuredArchiveNo(ArchiveNo.Style.DA_T_13_2022).build();
        assertThat(v.validate(valid().archiveNo("Z109-WS·2024·Y·BGS-0001").build())).isEmpty();
        assertThat(v.archiveNoStyle()).contains(ArchiveNo.Style.DA_T_13_2022);
    }

    @Test
    void validate_lengthAndPageCount_useBeanValidationMessagesWithParameters() {
        assertThat(messages(defaults.validate(valid().author("办".repeat(201)).pageCount(0).build())))
                .containsExactly("author: '" + "办".repeat(201) + "' is longer than 200 characters",
                        "pageCount: '0' must be at least 1");
    }

    @Test
    void validateFiles_withAnInboundDirectory_refusesPathsThatResolveOutsideIt(@TempDir Path dir) throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path inside = Files.writeString(inbound.resolve("ok.pdf"), "scan");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not for the archive");
        Path link = Files.createSymbolicLink(inbound.resolve("link.pdf"), outside);
        Path dotDot = inbound.resolve("..").resolve("secret.txt");
        MetadataValidator confined = MetadataValidator.builder().inboundDirectory(inbound).build();

        List<Violation> violations = confined.validateFiles(List.of(ArchiveFile.of(inside), ArchiveFile.of(link),
                ArchiveFile.of(dotDot)));

        assertThat(violations).extracting(Violation::field).containsExactly("files[1]", "files[2]");
        assertThat(violations).allSatisfy(v -> assertThat(v.toString()).contains("outside the inbound directory"));
        assertThat(MetadataValidator.defaults().validateFiles(List.of(ArchiveFile.of(link)))).isEmpty();
    }

    @Test
    void validate_requiredFieldsOfOnlyIdeographicSpace_areReportedAsRequired() {
        // U+3000 is what a Chinese input method types as a space; before, docDate and retentionPeriod of only that
        // passed every check and the record was sent without a date or a retention period.
        ArchiveMetadata m = valid().title("\u3000").docDate("\u3000").retentionPeriod("\u3000\u3000").build();
        assertThat(messages(defaults.validate(m))).containsExactly("title: '\u3000' is required",
                "docDate: '\u3000' is required", "retentionPeriod: '\u3000\u3000' is required");
    }

    @Test
    void validate_worksWithNoBeanValidationOnTheClassPath() throws Exception {
        // A host that depends only on qiao-archive-client has no jakarta.validation and no Hibernate Validator.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader host = new WithoutBeanValidation(urls.toArray(URL[]::new))) {
            Class<?> metadata = host.loadClass(ArchiveMetadata.class.getName());
            Object builder = metadata.getMethod("builder").invoke(null);
            Object record = builder.getClass().getMethod("build").invoke(builder);
            Class<?> validator = host.loadClass(MetadataValidator.class.getName());
            Object v = validator.getMethod("defaults").invoke(null);
            List<?> violations = (List<?>) validator.getMethod("validate", metadata).invoke(v, record);
            assertThat(violations).extracting(Object::toString).contains("archiveNo: is required");
        }
    }

    /** Loads every class itself from {@code urls} and refuses Bean Validation, as a host class path without it would. */
    private static final class WithoutBeanValidation extends URLClassLoader {
        WithoutBeanValidation(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.validation.") || name.startsWith("org.hibernate.")) {
                throw new ClassNotFoundException(name + " is hidden: the host has no Bean Validation");
            }
            return super.loadClass(name, resolve);
        }
    }
}
