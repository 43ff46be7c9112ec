package io.qiao.sync.jdbc;

import io.qiao.sync.store.CheckpointConflictException;
import java.time.Instant;

/**
 * A commit refused because another owner holds the job's lease: this runner's lease expired and was taken
 * over (or it never took one while another replica runs the job). The run stops without committing.
 */
public class LeaseLostException extends CheckpointConflictException {
    private final String message;

    public LeaseLostException(String job, long version, String owner, String holder, Instant holderUntil) {
        super(job, version, version);
        this.message = "job '" + job + "' is leased by '" + holder + "' until " + holderUntil + ", not by '" + owner
                + "': this runner's lease was lost (or never taken) and it stops without committing";
    }

    @Override
    public String getMessage() {
        return message;
    }
}
