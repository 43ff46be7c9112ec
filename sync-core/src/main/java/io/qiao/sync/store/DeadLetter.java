package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A record that could not be delivered, kept with everything needed to understand and replay it.
 *
 * @param id        the store's id of the entry
 * @param job       the job that met the record
 * @param key       the record's business key when known (io_id, archiveNo...), else null; a record
 *                  re-rejected with the same key updates its entry instead of adding one
 * @param payload   the raw source record as JSON
 * @param stage     the stage that rejected it
 * @param reasons   every reason
 * @param window    the window it was read in
 * @param firstSeen when it was first rejected
 * @param lastSeen  when it was last rejected
 * @param attempts  how many times it has been rejected (first run plus replays)
 * @param resolved  whether a replay has since delivered it
 */
public record DeadLetter(String id, String job, String key, String payload, Rejection.Stage stage,
                         List<String> reasons, String window, Instant firstSeen, Instant lastSeen, int attempts,
                         boolean resolved) {
    public DeadLetter {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(stage, "stage");
        reasons = List.copyOf(reasons);
    }
}
