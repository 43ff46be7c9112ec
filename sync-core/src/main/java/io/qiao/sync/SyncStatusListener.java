package io.qiao.sync;

import java.util.Objects;

/** Folds every finished run into the job's persisted {@link SyncStatus}. */
public final class SyncStatusListener implements SyncListener {
    private final SyncStatusStore store;

    public SyncStatusListener(SyncStatusStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public synchronized void runFinished(SyncReport report) {
        SyncStatus before = store.load(report.job()).orElseGet(() -> SyncStatus.initial(report.job()));
        store.save(before.after(report));
    }

    /** The job's status now (initial when it never ran). */
    public SyncStatus status(String job) {
        return store.load(job).orElseGet(() -> SyncStatus.initial(job));
    }
}
