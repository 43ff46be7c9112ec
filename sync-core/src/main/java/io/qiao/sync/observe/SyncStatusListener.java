package io.qiao.sync.observe;

import io.qiao.sync.SyncException;
import io.qiao.sync.SyncReport;
import java.util.Objects;

/** Folds every finished run into the job's persisted {@link SyncStatus}. */
public final class SyncStatusListener implements SyncListener {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncStatusListener.class);
    private final SyncStatusStore store;

    public SyncStatusListener(SyncStatusStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public synchronized void runFinished(SyncReport report) {
        SyncStatus before;
        try {
            before = store.load(report.job()).orElseGet(() -> SyncStatus.initial(report.job()));
        } catch (SyncException unreadable) {
            // A damaged status file must not keep every later run from recording its outcome: the totals start
            // again from this run, and the store keeps the damaged file aside when it saves.
            log.warn("{}; its totals start again from this run", unreadable.getMessage());
            before = SyncStatus.initial(report.job());
        }
        store.save(before.after(report));
    }

    /** The job's status now (initial when it never ran). */
    public SyncStatus status(String job) {
        return store.load(job).orElseGet(() -> SyncStatus.initial(job));
    }
}
