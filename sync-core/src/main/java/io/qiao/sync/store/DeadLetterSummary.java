package io.qiao.sync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The normalisation behind {@link DeadLetterStore#summary}: every store groups reasons the same way, so that
 * "sku 123 not found" and "sku 456 not found" are one line of the "which errors happen most" report.
 */
public final class DeadLetterSummary {
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern CURLY_QUOTED = Pattern.compile("“[^”]*”|「[^」]*」|‘[^’]*’");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX_ID = Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{12,}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:[.,:/-]\\d+)*(?![\\w])");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private DeadLetterSummary() {
    }

    /**
     * Replaces quoted values with {@code '?'}, ids and numbers (dates and times included) with {@code #},
     * and collapses whitespace. Field names such as {@code F_103} are kept: digits inside a word are part of
     * a name, not a value.
     */
    public static String normalise(String reason) {
        String r = reason == null ? "" : reason;
        r = SINGLE_QUOTED.matcher(r).replaceAll("'?'");
        r = DOUBLE_QUOTED.matcher(r).replaceAll("\"?\"");
        r = CURLY_QUOTED.matcher(r).replaceAll("'?'");
        r = UUID.matcher(r).replaceAll("#");
        r = HEX_ID.matcher(r).replaceAll("#");
        r = NUMBER.matcher(r).replaceAll("#");
        return SPACES.matcher(r).replaceAll(" ").trim();
    }

    /**
     * Counts entries by normalised reason, most frequent first (ties by reason). An entry with several
     * reasons counts once under each distinct normalised reason.
     */
    public static Map<String, Long> of(Collection<? extends List<String>> reasonsOfEachEntry) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> reasons : reasonsOfEachEntry) {
            Set<String> distinct = new LinkedHashSet<>();
            reasons.forEach(r -> distinct.add(normalise(r)));
            distinct.forEach(r -> counts.merge(r, 1L, Long::sum));
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        sorted.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
