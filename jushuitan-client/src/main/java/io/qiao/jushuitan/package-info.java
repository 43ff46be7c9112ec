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
 */
package io.qiao.jushuitan;
