package io.qiao.sync.store;

import io.qiao.sync.SyncException;

/** Another runner advanced the job (or took its lease) since this runner loaded the checkpoint. */
public class CheckpointConflictException extends SyncException {
    public CheckpointConflictException(String job, long expectedVersion, long actualVersion) {
        super("checkpoint of job '" + job + "' is at version " + actualVersion + ", expected " + expectedVersion
                + ": another runner advanced it; this run stops without committing");
    }
}
