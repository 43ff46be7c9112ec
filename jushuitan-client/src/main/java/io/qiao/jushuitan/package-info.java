/**
 * The 聚水潭 Jushuitan open platform client: {@link io.qiao.jushuitan.JushuitanClient}.
 *
 * <p>What the client takes care of, so that callers do not: the MD5 sign and a fresh timestamp on every
 * attempt; access tokens obtained, stored ({@link io.qiao.jushuitan.TokenStore}: memory, file, JDBC) and
 * renewed before {@code expires_in} runs out, one renewal in flight per client, code 100 answered by one
 * renewal and one repeat; pacing under the vendor's 5 requests a second and 100 a minute, shared by every
 * thread of the client; codes 199/200 treated as throttling, never as success; time ranges of any length
 * split into the vendor's seven-day windows and paged lazily from {@code page_index} 1 until
 * {@code has_next} is false, each record once even when it sits exactly on a window edge.
 *
 * <p>Sync adapters are in {@link io.qiao.jushuitan.sync}; a simulator of the platform for tests is
 * {@code io.qiao.testkit.jushuitan.JushuitanSimulator} in the testkit module.
 *
 * <h2>Time ranges are instants</h2>
 * Every query range in every Qiao client is a pair of {@link java.time.Instant}s, half-open {@code [from, to)}.
 * An instant names one moment whatever the host's zone, so a range computed from a {@link java.time.Clock} (say
 * "the last 7 days": {@code now.minus(Duration.ofDays(7))} to {@code now}) or from a sync checkpoint means the
 * same on a server in UTC and on a laptop in Shanghai; a {@code LocalDateTime} would silently shift by the host's
 * offset when built from the wrong zone. The client converts to the vendor's wall clock, Asia/Shanghai {@code yyyy-MM-dd HH:mm:ss} in {@code modified_begin}/{@code modified_end}, only on the wire.
 * The {@code LocalDateTime} overloads that took vendor wall-clock times remain, deprecated, converting with
 * Asia/Shanghai. Timestamps the vendor sends back stay {@code LocalDateTime} in the model: they are the vendor's
 * wall-clock text, not instants.
 */
package io.qiao.jushuitan;
