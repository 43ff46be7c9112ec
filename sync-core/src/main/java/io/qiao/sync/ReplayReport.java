package io.qiao.sync;

import java.util.List;
import java.util.Map;

/**
 * The outcome of replaying dead letters.
 *
 * @param attempted   entries replayed
 * @param resolved    ids of entries that went through and are now resolved
 * @param failedAgain id -> the reasons it failed this time
 */
public record ReplayReport(int attempted, List<String> resolved, Map<String, List<String>> failedAgain) {
    public ReplayReport {
        resolved = List.copyOf(resolved);
        failedAgain = Map.copyOf(failedAgain);
    }
}
