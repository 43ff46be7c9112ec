package io.qiao.sync;

import dev.failsafe.RetryPolicy;
import io.qiao.client.QiaoException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * The retry policies of sync jobs: which failures are transient, and Failsafe policies that retry only those.
 * A job retries a sink batch, a window read (from the window's first record), a dead-letter write and a
 * checkpoint commit; anything else fails the window.
 */
public final class SyncRetry {
    private SyncRetry() {
    }

    /**
     * Transient: a {@link QiaoException} that says it is retryable ({@code ApiException.isRetryable()}, every
     * {@code TransportException}), the JDBC transient and recoverable errors, and any SQL error of SQLState class
     * {@code 08} (connection exception), anywhere in the cause chain. The last because drivers disagree on the
     * type: MariaDB Connector/J reports a refused or dropped connection (a database restarting) as a
     * {@code SQLNonTransientConnectionException} with SQLState 08000, yet another attempt after a pause may well
     * succeed, and retrying a window is safe (upserts, compare-and-set checkpoints).
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CheckpointConflictException) {
                return false;
            }
            if (t instanceof QiaoException q && q.isRetryable()) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** 4 attempts, 500 ms doubling to 30 s with 25% jitter, transient failures only. */
    public static RetryPolicy<Object> defaults() {
        return of(4, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** {@code maxAttempts} attempts of transient failures, exponential backoff between the two delays. */
    public static RetryPolicy<Object> of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        var b = RetryPolicy.builder().handleIf(SyncRetry::isTransient).withMaxAttempts(maxAttempts);
        if (!baseDelay.isZero()) { // Failsafe's default delay is none
            b.withBackoff(baseDelay, maxDelay).withJitter(0.25);
        }
        return b.build();
    }

    /** No retries: the first failure fails the window. */
    public static RetryPolicy<Object> none() {
        return RetryPolicy.builder().handleIf(f -> false).withMaxAttempts(1).build();
    }
}
