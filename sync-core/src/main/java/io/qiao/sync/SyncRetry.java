package io.qiao.sync;

import io.qiao.sync.store.CheckpointConflictException;
import dev.failsafe.RetryPolicy;
import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * How sync jobs retry: which failures are transient, and the default {@link RetryOptions} of a job. A job
 * retries a sink batch, a window read (from the window's first record), a dead-letter write and a checkpoint
 * commit, when the failure is transient; anything else fails the window. Jobs take the clients' vocabulary,
 * {@link RetryOptions} ({@code SyncJob.Builder.retry(RetryOptions)}); only which failures are retried differs,
 * see {@link #isTransient}.
 *
 * <h2>How many HTTP requests one failing page can cause</h2>
 * Retries nest: a window read calls a client, which retries each HTTP request itself, and the job retries the
 * whole window from its first record. One page that keeps failing with a retryable error therefore causes at
 * most {@code clientAttempts × jobAttempts} HTTP requests for that page: the client's
 * {@link RetryOptions#maxAttempts()} for each of the job's attempts at the window. With both defaults (a
 * client's 3, a job's {@value #DEFAULT_ATTEMPTS}) that is 12; a job's attempts are at most {@value #MAX_ATTEMPTS},
 * so never more than {@code 10 × clientAttempts}. (Each later attempt at the window also fetches again the
 * window's pages before the failing one, which succeeded.)
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

    /** A job's attempts at a step by default. */
    public static final int DEFAULT_ATTEMPTS = 4;

    /**
     * The most attempts a job makes at a step ({@code SyncJob.Builder.retry(RetryOptions)} refuses more): it
     * bounds the HTTP requests one failing page can cause to {@code 10 × clientAttempts}.
     */
    public static final int MAX_ATTEMPTS = 10;

    /**
     * A job's retries by default: {@value #DEFAULT_ATTEMPTS} attempts, 500 ms doubling to 30 s with 25% jitter,
     * at least 1 s after a throttling answer, a vendor's Retry-After honoured up to 30 s.
     */
    public static RetryOptions defaultOptions() {
        return RetryOptions.builder().maxAttempts(DEFAULT_ATTEMPTS).baseDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(30)).jitter(0.25).build();
    }

    /**
     * 4 attempts, 500 ms doubling to 30 s with 25% jitter, transient failures only.
     *
     * @deprecated a Failsafe type in Qiao's API; use {@link #defaultOptions()}, the default of
     *     {@code SyncJob.Builder.retry(RetryOptions)}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static RetryPolicy<Object> defaults() {
        return policy(defaultOptions());
    }

    /**
     * {@code maxAttempts} attempts of transient failures, exponential backoff between the two delays.
     *
     * @deprecated a Failsafe type in Qiao's API; use {@code SyncJob.Builder.retry(RetryOptions.builder()
     *     .maxAttempts(n).baseDelay(d).maxDelay(m).build())}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static RetryPolicy<Object> of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        // as before this delegated: no minimum wait after a throttling answer beyond the delays given
        return policy(RetryOptions.builder().maxAttempts(maxAttempts).baseDelay(baseDelay).maxDelay(maxDelay)
                .jitter(0.25).throttleDelay(Duration.ZERO).build());
    }

    /**
     * No retries: the first failure fails the window.
     *
     * @deprecated a Failsafe type in Qiao's API; use {@code SyncJob.Builder.retry(RetryOptions.disabled())}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static RetryPolicy<Object> none() {
        return policy(RetryOptions.disabled());
    }

    /**
     * The Failsafe policy a run applies for {@code options}: its attempts, and its delays
     * ({@link RetryOptions#delayBefore}, which honours a vendor's Retry-After and throttling anywhere in the
     * failure's cause chain), for {@linkplain #isTransient transient} failures only.
     */
    static RetryPolicy<Object> policy(RetryOptions options) {
        return RetryPolicy.builder()
                .handleIf(failure -> options.enabled() && isTransient(failure))
                .withMaxAttempts(options.maxAttempts())
                .withDelayFn(ctx -> options.delayBefore(ctx.getAttemptCount() + 1, vendorAnswer(ctx.getLastException())))
                .build();
    }

    /** The vendor's answer in {@code failure}'s cause chain (for its Retry-After), else {@code failure}. */
    private static Throwable vendorAnswer(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ApiException) {
                return t;
            }
        }
        return failure;
    }
}
