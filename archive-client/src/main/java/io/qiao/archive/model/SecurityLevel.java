package io.qiao.archive.model;

import java.util.Optional;

/**
 * 密级. The three classified levels are those of the 保密法 (秘密 &lt; 机密 &lt; 绝密); archive systems add the
 * non-secret 公开 and 内部 (some write 限制, read here as 内部). A classified document also needs a 保密期限,
 * at most {@link #maxSecrecyYears()} years unless it is 长期.
 */
public enum SecurityLevel {
    PUBLIC("公开", 0),
    INTERNAL("内部", 0),
    CONFIDENTIAL("秘密", 10),
    SECRET("机密", 20),
    TOP_SECRET("绝密", 30);

    private final String label;
    private final int maxSecrecyYears;

    SecurityLevel(String label, int maxSecrecyYears) {
        this.label = label;
        this.maxSecrecyYears = maxSecrecyYears;
    }

    /** The Chinese label sent to the archive system. */
    public String label() {
        return label;
    }

    /** Whether the 保密法 classifies this level, so that a 保密期限 is required. */
    public boolean isClassified() {
        return maxSecrecyYears > 0;
    }

    /** The longest 保密期限 in years the 保密法 allows by default (10, 20, 30); 0 for unclassified levels. */
    public int maxSecrecyYears() {
        return maxSecrecyYears;
    }

    public static Optional<SecurityLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.equals("限制")) {
            return Optional.of(INTERNAL);
        }
        for (SecurityLevel l : values()) {
            if (l.label.equals(t)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    public static String describeAccepted() {
        return "公开, 内部 (or 限制), 秘密, 机密, 绝密";
    }
}
