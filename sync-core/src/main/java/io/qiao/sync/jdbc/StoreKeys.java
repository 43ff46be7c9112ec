package io.qiao.sync.jdbc;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.UUID;

/**
 * The keys Qiao's own tables share: job names (the checkpoint, dead-letter and backfill tables are keyed by job)
 * and owner ids (the replica a lease or a slice claim belongs to). One place, so that every table takes the same
 * lengths and every store names the same problem the same way.
 */
final class StoreKeys {
    /** The longest job name the tables' {@code job} columns hold. */
    static final int MAX_JOB = 200;
    /** The longest owner id the tables' {@code owner} columns hold. */
    static final int MAX_OWNER = 200;

    private StoreKeys() {
    }

    /** @throws IllegalArgumentException unless {@code job} is a usable job name */
    static String checkJob(String job) {
        Objects.requireNonNull(job, "job");
        if (job.isBlank() || job.length() > MAX_JOB) {
            throw new IllegalArgumentException("job '" + job + "' must be 1-" + MAX_JOB + " characters, not blank");
        }
        return job;
    }

    /** @throws IllegalArgumentException unless {@code owner} is a usable replica id (it names leases and claims) */
    static String checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new IllegalArgumentException("owner '" + owner + "' must be 1-" + MAX_OWNER
                    + " characters, not blank");
        }
        return owner;
    }

    /** An owner id for a store the user gave none: "pid@host" on HotSpot plus a random part. */
    static String defaultOwner() {
        // The random suffix keeps two stores in one process distinct.
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
