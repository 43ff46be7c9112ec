package io.qiao.archive.model;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A structured 档号 for documents filed item by item (按件整理), e.g. {@code Z109-WS·2011-Y-BGS-0001}:
 * 全宗号 {@code Z109}, 门类代码 {@code WS} (文书), 年度 {@code 2011}, 保管期限 {@code Y} (永久), 机构（问题）代码
 * {@code BGS} (办公室), 件号 {@code 0001}.
 *
 * <p>Levels are joined by {@code -} and codes of one level by the middle dot {@code ·} (U+00B7). DA/T 22—2015 and
 * DA/T 13—2022 disagree on where the levels break (see {@link Style}); the style is part of the value so that a
 * parsed 档号 prints back exactly as it was written.
 */
public final class ArchiveNo {
    /** The middle dot that joins codes of one level. */
    public static final char MIDDLE_DOT = '\u00B7';

    /** The 档案门类代码 of DA/T 13—2022. */
    public static final Set<String> CATEGORY_CODES =
            Set.of("WS", "KJ", "RS", "KU", "ZY", "ZP", "LY", "LX", "SJ", "YJ", "WY", "MT", "SW");

    private static final Pattern FONDS = Pattern.compile("[A-Z0-9]{4}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern ORGANISATION = Pattern.compile("[A-Z0-9\\u4e00-\\u9fa5]+");
    // Characters people type for the middle dot; the archive system keys on the exact string, so they are refused.
    private static final String LOOKALIKE_DOTS = ".\u2022\u30FB\u2027\u2219\u22C5\uFF0E";

    /** Where the levels of the 档号 break. */
    public enum Style {
        /** DA/T 22—2015 按件: {@code 全宗号-门类代码·年度-保管期限-机构（问题）代码-件号}, 件号 of 4 digits. */
        DA_T_22_2015,
        /** DA/T 13—2022: {@code 全宗号-门类代码·年度·保管期限·机构（问题）代码-件号}; the 机构 code is optional. */
        DA_T_13_2022
    }

    private final String fonds;
    private final String category;
    private final int year;
    private final RetentionPeriod retention;
    private final String organisation;
    private final int item;
    private final int itemWidth;
    private final Style style;

    private ArchiveNo(Builder b) {
        this.fonds = b.fonds;
        this.category = b.category;
        this.year = b.year;
        this.retention = b.retention;
        this.organisation = b.organisation;
        this.item = b.item;
        this.itemWidth = b.itemWidth;
        this.style = b.style;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses a DA/T 22—2015 档号; throws {@link IllegalArgumentException} listing every problem. */
    public static ArchiveNo parse(String text) {
        return parse(text, Style.DA_T_22_2015);
    }

    public static ArchiveNo parse(String text, Style style) {
        List<String> problems = new ArrayList<>();
        ArchiveNo parsed = tryParse(text, style, problems);
        if (parsed == null) {
            throw new IllegalArgumentException("archiveNo '" + text + "' is not a " + style + " 档号: "
                    + String.join("; ", problems));
        }
        return parsed;
    }

    /**
     * The problems of {@code text} as a 档号 of {@code style}, each naming the part and what is wrong; empty when it
     * is well formed. {@code currentYear} bounds the 年度 (a document cannot be filed in the future).
     */
    public static List<String> problems(String text, Style style, int currentYear) {
        List<String> problems = new ArrayList<>();
        ArchiveNo parsed = tryParse(text, style, problems);
        if (parsed != null && parsed.year > currentYear) {
            problems.add("年度 " + parsed.year + " is after the current year " + currentYear);
        }
        return problems;
    }

    private static ArchiveNo tryParse(String text, Style style, List<String> problems) {
        Objects.requireNonNull(style, "style");
        if (text == null || text.isBlank()) {
            problems.add("is empty");
            return null;
        }
        for (char c : text.toCharArray()) {
            if (LOOKALIKE_DOTS.indexOf(c) >= 0) {
                problems.add(String.format(Locale.ROOT, "uses '%c' (U+%04X) where the middle dot '·' (U+00B7) belongs",
                        c, (int) c));
                return null;
            }
        }
        String[] levels = text.split("-", -1);
        String fonds;
        String[] categoryAndYear;
        String retentionCode;
        String organisation;
        String item;
        if (style == Style.DA_T_22_2015) {
            if (levels.length != 5) {
                problems.add("has " + levels.length + " parts separated by '-', expected 5: "
                        + "全宗号-门类代码·年度-保管期限-机构（问题）代码-件号 (e.g. Z109-WS·2011-Y-BGS-0001)");
                return null;
            }
            fonds = levels[0];
            categoryAndYear = levels[1].split(String.valueOf(MIDDLE_DOT), -1);
            retentionCode = levels[2];
            organisation = levels[3];
            item = levels[4];
        } else {
            if (levels.length != 3) {
                problems.add("has " + levels.length + " parts separated by '-', expected 3: "
                        + "全宗号-门类代码·年度·保管期限·机构（问题）代码-件号 (e.g. Z109-WS·2011·Y·BGS-0001)");
                return null;
            }
            String[] codes = levels[1].split(String.valueOf(MIDDLE_DOT), -1);
            if (codes.length != 3 && codes.length != 4) {
                problems.add("类别号 '" + levels[1] + "' has " + codes.length
                        + " codes separated by '·', expected 门类代码·年度·保管期限[·机构（问题）代码]");
                return null;
            }
            fonds = levels[0];
            categoryAndYear = new String[] {codes[0], codes[1]};
            retentionCode = codes[2];
            organisation = codes.length == 4 ? codes[3] : null;
            item = levels[2];
        }
        if (categoryAndYear.length != 2) {
            problems.add("'" + String.join(String.valueOf(MIDDLE_DOT), categoryAndYear)
                    + "' must be 门类代码·年度 joined by the middle dot '·' (e.g. WS·2011)");
            return null;
        }
        Builder b = builder().style(style);
        check(problems, () -> b.fonds(fonds));
        check(problems, () -> b.category(categoryAndYear[0]));
        if (YEAR.matcher(categoryAndYear[1]).matches()) {
            b.year(Integer.parseInt(categoryAndYear[1]));
        } else {
            problems.add("年度 '" + categoryAndYear[1] + "' must be a 4-digit year");
        }
        RetentionPeriod retention = RetentionPeriod.fromCode(retentionCode).orElse(null);
        if (retention == null) {
            problems.add("保管期限 '" + retentionCode + "' must be one of the codes Y (永久), D30 (定期30年), D10 (定期10年)");
        } else {
            b.retention(retention);
        }
        if (organisation != null) {
            check(problems, () -> b.organisation(organisation));
        }
        int width = style == Style.DA_T_22_2015 ? 4 : 0;
        if (!item.matches(width > 0 ? "\\d{4}" : "\\d{3,5}")) {
            problems.add("件号 '" + item + "' must be " + (width > 0 ? "4 digits, left-padded with 0 (e.g. 0001)"
                    : "3 to 5 digits"));
        } else {
            check(problems, () -> b.item(Integer.parseInt(item)).itemWidth(item.length()));
        }
        return problems.isEmpty() ? b.build() : null;
    }

    private static void check(List<String> problems, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    public String fonds() {
        return fonds;
    }

    public String category() {
        return category;
    }

    public int year() {
        return year;
    }

    public RetentionPeriod retention() {
        return retention;
    }

    /** The 机构（问题）代码, or null when a DA/T 13—2022 档号 has none. */
    public String organisation() {
        return organisation;
    }

    public int item() {
        return item;
    }

    public Style style() {
        return style;
    }

    /** The same 档号 written in another style. */
    public ArchiveNo withStyle(Style style) {
        return toBuilder().style(style).build();
    }

    public Builder toBuilder() {
        return builder().fonds(fonds).category(category).year(year).retention(retention)
                .organisation(organisation).item(item).itemWidth(itemWidth).style(style);
    }

    @Override
    public String toString() {
        String dot = String.valueOf(MIDDLE_DOT);
        String code = retention.code().orElseThrow();
        if (style == Style.DA_T_22_2015) {
            return fonds + "-" + category + dot + year + "-" + code + "-" + organisation + "-"
                    + itemText();
        }
        return fonds + "-" + category + dot + year + dot + code + (organisation == null ? "" : dot + organisation)
                + "-" + itemText();
    }

    private String itemText() {
        return String.format(Locale.ROOT, "%0" + itemWidth + "d", item);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveNo a && toString().equals(a.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds a 档号 from its parts; each setter rejects a malformed part, naming it. */
    public static final class Builder {
        private String fonds;
        private String category = "WS";
        private int year;
        private RetentionPeriod retention;
        private String organisation;
        private int item;
        private int itemWidth = 4;
        private Style style = Style.DA_T_22_2015;

        private Builder() {
        }

        /** 全宗号: 4 uppercase letters or digits, e.g. {@code Z109}, {@code J001}. */
        public Builder fonds(String fonds) {
            if (fonds == null || !FONDS.matcher(fonds).matches()) {
                throw new IllegalArgumentException("全宗号 '" + fonds + "' must be 4 uppercase letters or digits (e.g. Z109)");
            }
            this.fonds = fonds;
            return this;
        }

        /** 档案门类代码 of DA/T 13—2022; {@code WS} (文书) unless set. */
        public Builder category(String category) {
            if (category == null || !CATEGORY_CODES.contains(category)) {
                throw new IllegalArgumentException("门类代码 '" + category + "' is not a DA/T 13 category code "
                        + "(WS 文书, KJ 科技, RS 人事, KU 会计, ZP 照片, ...)");
            }
            this.category = category;
            return this;
        }

        public Builder year(int year) {
            if (year < 1000 || year > 9999) {
                throw new IllegalArgumentException("年度 " + year + " must be a 4-digit year");
            }
            this.year = year;
            return this;
        }

        public Builder year(Year year) {
            return year(year.getValue());
        }

        public Builder retention(RetentionPeriod retention) {
            if (retention == null || retention.code().isEmpty()) {
                throw new IllegalArgumentException("保管期限 " + (retention == null ? "null" : retention.label())
                        + " has no DA/T 22—2015 code: a 档号 takes 永久 (Y), 定期30年 (D30) or 定期10年 (D10)");
            }
            this.retention = retention;
            return this;
        }

        /** 机构（问题）代码: uppercase letters, digits or Chinese, e.g. {@code BGS}, {@code 办公室}, {@code 003}. */
        public Builder organisation(String organisation) {
            if (organisation != null && !ORGANISATION.matcher(organisation).matches()) {
                throw new IllegalArgumentException("机构（问题）代码 '" + organisation
                        + "' must be uppercase letters, digits or Chinese characters (e.g. BGS)");
            }
            this.organisation = organisation;
            return this;
        }

        /** 件号, from 1; written with {@link #itemWidth} digits (4 unless set). */
        public Builder item(int item) {
            if (item < 1 || item > 99_999) {
                throw new IllegalArgumentException("件号 " + item + " must be between 1 and 99999");
            }
            this.item = item;
            return this;
        }

        /** How many digits the 件号 is written with: 4 in DA/T 22—2015; DA/T 13—2022 examples use 3 to 5. */
        public Builder itemWidth(int itemWidth) {
            if (itemWidth < 1 || itemWidth > 9) {
                throw new IllegalArgumentException("itemWidth must be between 1 and 9, was " + itemWidth);
            }
            this.itemWidth = itemWidth;
            return this;
        }

        public Builder style(Style style) {
            this.style = Objects.requireNonNull(style, "style");
            return this;
        }

        public ArchiveNo build() {
            List<String> missing = new ArrayList<>();
            if (fonds == null) missing.add("全宗号 (fonds)");
            if (year == 0) missing.add("年度 (year)");
            if (retention == null) missing.add("保管期限 (retention)");
            if (organisation == null && style == Style.DA_T_22_2015) missing.add("机构（问题）代码 (organisation)");
            if (item == 0) missing.add("件号 (item)");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("档号 is missing " + String.join(", ", missing));
            }
            if (String.valueOf(item).length() > itemWidth) {
                throw new IllegalStateException("件号 " + item + " does not fit in " + itemWidth + " digits");
            }
            return new ArchiveNo(this);
        }
    }
}
