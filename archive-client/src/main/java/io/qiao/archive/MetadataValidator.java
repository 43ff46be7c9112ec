package io.qiao.archive;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.model.ArchiveNo;
import io.qiao.archive.model.RetentionPeriod;
import io.qiao.archive.model.SecurityLevel;
import io.qiao.archive.model.Violation;
import io.qiao.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a 文书 record must pass before it is sent: the required fields and length limits listed on
 * {@link ArchiveMetadata}'s components, plus the archival rules of DA/T 22—2015 and the 保密法. Every violation is
 * reported, each naming the field and the value.
 *
 * <p>Plain Java, no Bean Validation: a host that uses only the archive client needs no validator provider on its
 * class path, and none is initialised behind its back (Hibernate Validator would log to java.util.logging).
 *
 * <ul>
 *   <li>{@code archiveNo}, {@code title}, {@code author}, {@code docDate}, {@code retentionPeriod}: required (a
 *       value of only white space, ideographic space included, counts as missing);</li>
 *   <li>at most 100 characters for {@code archiveNo} and {@code archivePerson}, 200 for {@code author},
 *       {@code archiveDept} and {@code docNumber}, 1000 for {@code title}; {@code pageCount} at least 1;</li>
 *   <li>{@code docDate}: a real calendar date, {@code yyyy-MM-dd} (or {@code yyyyMMdd}), not in the future;</li>
 *   <li>{@code retentionPeriod}: 永久 / 30年 / 10年 / 短期 or 永久 / 定期30年 / 定期10年 or Y / D30 / D10; with
 *       {@link Builder#standardRetentionOnly()} the pre-2006 短期 is refused;</li>
 *   <li>{@code securityLevel}: 公开 / 内部 / 秘密 / 机密 / 绝密; a classified level needs a 保密期限 (5年, 长期) within
 *       the 保密法's default maximum (秘密 10年, 机密 20年, 绝密 30年);</li>
 *   <li>{@code archiveNo}: when {@link Builder#structuredArchiveNo structured checking} is on, a well-formed 档号
 *       whose 保管期限 code matches {@code retentionPeriod} and whose 年度 is the year of {@code docDate}.</li>
 * </ul>
 *
 * <p>Thread-safe and immutable; build one and share it.
 */
public final class MetadataValidator {
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SECRECY_YEARS = Pattern.compile("(\\d{1,3})\\s*年");
    private static final List<String> FIELD_ORDER = List.of("archiveNo", "title", "author", "docDate",
            "retentionPeriod", "securityLevel", "secrecyPeriod", "archiveDept", "archiveTime", "archivePerson",
            "docNumber", "pageCount");

    private final ArchiveNo.Style archiveNoStyle;
    private final boolean standardRetentionOnly;
    private final Clock clock;
    private final Path inboundDirectory;

    private MetadataValidator(Builder b) {
        this.archiveNoStyle = b.archiveNoStyle;
        this.standardRetentionOnly = b.standardRetentionOnly;
        this.clock = b.clock;
        this.inboundDirectory = b.inboundDirectory;
    }

    /** Old-script compatible rules, no structured 档号 checking, dates judged in Asia/Shanghai. */
    public static MetadataValidator defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The structured 档号 style being checked, if structured checking is on. */
    public Optional<ArchiveNo.Style> archiveNoStyle() {
        return Optional.ofNullable(archiveNoStyle);
    }

    /** Every violation of {@code metadata}, in field order; empty when it may be sent. */
    public List<Violation> validate(ArchiveMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        List<Violation> out = new ArrayList<>();
        checkFields(metadata, out);
        LocalDate docDate = checkDocDate(metadata.docDate(), out);
        RetentionPeriod retention = checkRetention(metadata.retentionPeriod(), out);
        checkSecurity(metadata, out);
        checkArchiveTime(metadata.archiveTime(), out);
        checkArchiveNo(metadata.archiveNo(), retention, docDate, out);
        out.sort(Comparator.comparingInt(v -> order(v.field())));
        return List.copyOf(out);
    }

    /**
     * The problems of the files of a push: each must be a regular, readable file (a directory, a missing path or a
     * device cannot be archived), and no two may share a stored name.
     */
    public List<Violation> validateFiles(List<ArchiveFile> files) {
        List<Violation> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ArchiveFile f = files.get(i);
            String field = "files[" + i + "]";
            if (f == null) {
                out.add(new Violation(field, null, "is null"));
                continue;
            }
            fileProblem(f.path()).or(() -> outsideInbound(f.path()))
                    .ifPresent(p -> out.add(new Violation(field, f.path().toString(), p)));
            if (names.contains(f.fileName())) {
                out.add(new Violation(field, f.fileName(), "has the same file name as files[" + names.indexOf(f.fileName())
                        + "]; the archive system could not tell them apart"));
            }
            names.add(f.fileName());
        }
        return out;
    }

    /** Why {@code path} cannot be uploaded, or empty when it can. */
    public static Optional<String> fileProblem(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return Optional.of("does not exist");
        }
        if (Files.isDirectory(path)) {
            return Optional.of("is a directory, not a file");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("is not a regular file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("is not readable by this process");
        }
        return Optional.empty();
    }

    /**
     * With an {@linkplain Builder#inboundDirectory inbound directory}: why {@code path} may not be uploaded from
     * it. The check is on the real path, so neither a symlink nor a {@code ..} can reach a file outside.
     */
    private Optional<String> outsideInbound(Path path) {
        if (inboundDirectory == null) {
            return Optional.empty();
        }
        try {
            Path real = path.toRealPath();
            Path root = inboundDirectory.toRealPath();
            return real.startsWith(root) ? Optional.empty()
                    : Optional.of("is outside the inbound directory " + inboundDirectory + " (it resolves to " + real + ")");
        } catch (IOException e) {
            return Optional.of("cannot be resolved against the inbound directory " + inboundDirectory + ": " + e);
        }
    }

    /** Throws {@link InvalidArchiveException} with every violation of the metadata and the files. */
    public void check(ArchiveMetadata metadata, List<ArchiveFile> files) {
        List<Violation> all = new ArrayList<>(validate(metadata));
        all.addAll(validateFiles(files));
        if (!all.isEmpty()) {
            throw new InvalidArchiveException(metadata.archiveNo(), all);
        }
    }

    /** Reads {@code yyyy-MM-dd} or {@code yyyyMMdd}; empty when it is neither or not a real date. */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (DateTimeFormatter f : List.of(ISO_DATE, COMPACT_DATE)) {
            try {
                return Optional.of(LocalDate.parse(t, f));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** Reads {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss}. */
    public static Optional<LocalDateTime> parseDateTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (DateTimeFormatter f : List.of(DATE_TIME, ISO_DATE_TIME)) {
            try {
                return Optional.of(LocalDateTime.parse(t, f));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static void checkFields(ArchiveMetadata m, List<Violation> out) {
        required("archiveNo", m.archiveNo(), out);
        maxLength("archiveNo", m.archiveNo(), 100, out);
        required("title", m.title(), out);
        maxLength("title", m.title(), 1000, out);
        required("author", m.author(), out);
        maxLength("author", m.author(), 200, out);
        required("docDate", m.docDate(), out);
        required("retentionPeriod", m.retentionPeriod(), out);
        maxLength("archiveDept", m.archiveDept(), 200, out);
        maxLength("archivePerson", m.archivePerson(), 100, out);
        maxLength("docNumber", m.docNumber(), 200, out);
        if (m.pageCount() != null && m.pageCount() < 1) {
            out.add(new Violation("pageCount", m.pageCount().toString(), "must be at least 1"));
        }
    }

    private static void required(String field, String value, List<Violation> out) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, value, "is required"));
        }
    }

    /** In UTF-16 units, as Bean Validation's @Size counted before: a record accepted before is accepted now. */
    private static void maxLength(String field, String value, int max, List<Violation> out) {
        if (value != null && value.length() > max) {
            out.add(new Violation(field, value, "is longer than " + max + " characters"));
        }
    }

    private LocalDate checkDocDate(String text, List<Violation> out) {
        if (text == null || text.isBlank()) {
            return null; // reported as required
        }
        Optional<LocalDate> date = parseDate(text);
        if (date.isEmpty()) {
            boolean shaped = text.strip().matches("\\d{4}-\\d{2}-\\d{2}|\\d{8}");
            out.add(new Violation("docDate", text, shaped ? "is not a real date"
                    : "is not a date in the form yyyy-MM-dd"));
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(Json.SHANGHAI));
        if (date.get().isAfter(today)) {
            out.add(new Violation("docDate", text, "is in the future (today is " + today + " in Asia/Shanghai)"));
        }
        return date.get();
    }

    private RetentionPeriod checkRetention(String text, List<Violation> out) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<RetentionPeriod> p = RetentionPeriod.parse(text);
        if (p.isEmpty()) {
            out.add(new Violation("retentionPeriod", text, "is not a retention period; expected "
                    + RetentionPeriod.describeAccepted()));
            return null;
        }
        if (standardRetentionOnly && p.get() == RetentionPeriod.SHORT_TERM) {
            out.add(new Violation("retentionPeriod", text, "is the pre-2006 period; DA/T 22—2015 allows only "
                    + "永久, 定期30年 or 定期10年"));
        }
        return p.get();
    }

    private void checkSecurity(ArchiveMetadata m, List<Violation> out) {
        String levelText = m.securityLevel();
        String period = blankToNull(m.secrecyPeriod());
        if (levelText == null || levelText.isBlank()) {
            if (period != null) {
                out.add(new Violation("secrecyPeriod", period, "is set but securityLevel is empty"));
            }
            return;
        }
        String marking = levelText.strip();
        int star = marking.indexOf('★');
        if (star >= 0) { // the marking form 秘密★5年
            String fromMarking = marking.substring(star + 1).strip();
            marking = marking.substring(0, star).strip();
            if (period != null && !period.equals(fromMarking)) {
                out.add(new Violation("secrecyPeriod", period, "differs from the 保密期限 '" + fromMarking
                        + "' in securityLevel '" + levelText + "'"));
            }
            period = fromMarking.isEmpty() ? period : fromMarking;
        }
        Optional<SecurityLevel> level = SecurityLevel.parse(marking);
        if (level.isEmpty()) {
            out.add(new Violation("securityLevel", levelText, "is not a security level; expected "
                    + SecurityLevel.describeAccepted()));
            return;
        }
        if (!level.get().isClassified()) {
            if (period != null) {
                out.add(new Violation("secrecyPeriod", period, "is set but " + level.get().label()
                        + " is not a classified level"));
            }
            return;
        }
        if (period == null) {
            out.add(new Violation("secrecyPeriod", null, "is required for the classified level "
                    + level.get().label() + " (保密期限, e.g. 5年 or 长期)"));
            return;
        }
        if (period.equals("长期")) {
            return;
        }
        Matcher years = SECRECY_YEARS.matcher(period);
        if (!years.matches()) {
            out.add(new Violation("secrecyPeriod", period, "is not a 保密期限; expected a number of years such as 5年, or 长期"));
            return;
        }
        int n = Integer.parseInt(years.group(1));
        if (n < 1 || n > level.get().maxSecrecyYears()) {
            out.add(new Violation("secrecyPeriod", period, "is outside 1 to " + level.get().maxSecrecyYears()
                    + " years, the 保密法 default for " + level.get().label()));
        }
    }

    private void checkArchiveTime(String text, List<Violation> out) {
        if (text != null && !text.isBlank() && parseDateTime(text).isEmpty()) {
            out.add(new Violation("archiveTime", text, "is not a date-time in the form yyyy-MM-dd HH:mm:ss"));
        }
    }

    private void checkArchiveNo(String text, RetentionPeriod retention, LocalDate docDate, List<Violation> out) {
        if (archiveNoStyle == null || text == null || text.isBlank()) {
            return;
        }
        int currentYear = LocalDate.now(clock.withZone(Json.SHANGHAI)).getYear();
        List<String> problems = ArchiveNo.problems(text, archiveNoStyle, currentYear);
        problems.forEach(p -> out.add(new Violation("archiveNo", text, p)));
        if (!problems.isEmpty()) {
            return;
        }
        ArchiveNo no = ArchiveNo.parse(text, archiveNoStyle);
        if (retention != null && no.retention() != retention) {
            out.add(new Violation("archiveNo", text, "has 保管期限 code " + no.retention().code().orElse("?")
                    + " but retentionPeriod is " + retention.label()));
        }
        if (docDate != null && no.year() != docDate.getYear()) {
            out.add(new Violation("archiveNo", text, "has 年度 " + no.year() + " but docDate is in " + docDate.getYear()
                    + " (DA/T 22—2015 files a document under the year it was formed)"));
        }
    }

    private static int order(String field) {
        int i = FIELD_ORDER.indexOf(field);
        return i < 0 ? FIELD_ORDER.size() : i;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static final class Builder {
        private ArchiveNo.Style archiveNoStyle;
        private boolean standardRetentionOnly;
        private Clock clock = Clock.systemUTC();
        private Path inboundDirectory;

        private Builder() {
        }

        /** Checks every 档号 against the DA/T 22—2015 structure {@code Z109-WS·2011-Y-BGS-0001}. */
        public Builder structuredArchiveNo() {
            return structuredArchiveNo(ArchiveNo.Style.DA_T_22_2015);
        }

        /** Checks every 档号 against {@code style}; null turns structured checking off. */
        public Builder structuredArchiveNo(ArchiveNo.Style style) {
            this.archiveNoStyle = style;
            return this;
        }

        /** Refuses the pre-2006 短期: only 永久, 定期30年 and 定期10年 (in any spelling) pass. */
        public Builder standardRetentionOnly() {
            this.standardRetentionOnly = true;
            return this;
        }

        /**
         * Uploads only files inside {@code directory} (the old integration's {@code [paths] inbound_dir}): a path,
         * symlink or {@code ..} that resolves outside it is a violation, so a row of the source database cannot
         * make Qiao upload an arbitrary file of the host.
         */
        public Builder inboundDirectory(Path directory) {
            this.inboundDirectory = Objects.requireNonNull(directory, "inboundDirectory");
            return this;
        }

        /** The clock that decides "today" for future-date checks (tests pass a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public MetadataValidator build() {
            return new MetadataValidator(this);
        }
    }
}
