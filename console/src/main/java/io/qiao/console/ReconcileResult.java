package io.qiao.console;

import java.util.List;

/**
 * A reconciliation of one pipeline over a period, as the console shows it.
 *
 * @param compared    source records compared
 * @param differences each missing or different record, in words, field by field
 */
public record ReconcileResult(int compared, List<String> differences) {
    public ReconcileResult {
        differences = List.copyOf(differences);
    }
}
