package io.qiao.archive.model;

import java.util.Locale;
import java.util.Optional;

/**
 * 保管期限, the retention period of an archived document, normalised from every spelling that business systems
 * and archive systems use.
 *
 * <p>The old integration scripts sent {@code 永久 / 30年 / 10年 / 短期}; DA/T 22—2015 writes {@code 永久 / 定期30年 /
 * 定期10年} and codes them {@code Y / D30 / D10} inside the 档号; the 归档章 stamp shortens them to {@code Y / 30 / 10}.
 * All of them parse to one constant here, so the rest of the code compares enums, not strings.
 *
 * <p>{@link #SHORT_TERM 短期} predates the 2006 reform (永久/长期/短期) and has no DA/T 22—2015 code: it is accepted
 * because existing systems still hold it, but a structured 档号 cannot encode it.
 */
public enum RetentionPeriod {
    PERMANENT("永久", "永久", "Y"),
    YEARS_30("30年", "定期30年", "D30"),
    YEARS_10("10年", "定期10年", "D10"),
    SHORT_TERM("短期", "短期", null);

    /** How the period is written when it is sent to the archive system. */
    public enum Style {
        /** {@code 永久 / 30年 / 10年 / 短期}: what the existing integration sent, and so what its archive system knows. */
        LEGACY,
        /** {@code 永久 / 定期30年 / 定期10年}: the DA/T 22—2015 wording. */
        DA_T_22,
        /** {@code Y / D30 / D10}: the DA/T 22—2015 codes used inside the 档号. */
        CODE
    }

    private final String legacyLabel;
    private final String standardLabel;
    private final String code;

    RetentionPeriod(String legacyLabel, String standardLabel, String code) {
        this.legacyLabel = legacyLabel;
        this.standardLabel = standardLabel;
        this.code = code;
    }

    /** The DA/T 22—2015 wording: 永久, 定期30年, 定期10年 (短期 for the legacy period). */
    public String label() {
        return standardLabel;
    }

    /** The wording of the old integration: 永久, 30年, 10年, 短期. */
    public String legacyLabel() {
        return legacyLabel;
    }

    /** The 档号 code Y, D30 or D10; empty for {@link #SHORT_TERM}, which DA/T 22—2015 does not know. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    public String format(Style style) {
        return switch (style) {
            case LEGACY -> legacyLabel;
            case DA_T_22 -> standardLabel;
            case CODE -> code != null ? code : legacyLabel;
        };
    }

    /**
     * Reads any known spelling (surrounding blanks and the case of the codes ignored). Empty when the text is
     * not a retention period; see {@link #describeAccepted()} for the message.
     */
    public static Optional<RetentionPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(switch (t) {
            case "永久", "Y" -> PERMANENT;
            case "30年", "定期30年", "D30", "30" -> YEARS_30;
            case "10年", "定期10年", "D10", "10" -> YEARS_10;
            case "短期" -> SHORT_TERM;
            default -> null;
        });
    }

    /** Parses a 档号 code (Y, D30, D10) only. */
    public static Optional<RetentionPeriod> fromCode(String code) {
        for (RetentionPeriod p : values()) {
            if (p.code != null && p.code.equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The accepted spellings, for error messages. */
    public static String describeAccepted() {
        return "永久, 30年, 10年, 短期, 定期30年, 定期10年 or the codes Y, D30, D10";
    }
}
