/**
 * Contract test suites for your own implementations of the Qiao sync engine's extension points: abstract JUnit 5
 * classes that state, as tests, what the engine relies on.
 *
 * <ul>
 *   <li>{@link io.qiao.sync.testkit.SourceContract}: explicit end of data, windows that start afresh when read
 *       again, end positions and {@code positionAfter} answers from which resuming loses no record;</li>
 *   <li>{@link io.qiao.sync.testkit.SinkContract}: every record accounted for, idempotent writes (re-deliveries at
 *       window overlaps and after a crash), upserts by key, refused records rejected one by one;</li>
 *   <li>{@link io.qiao.sync.testkit.CheckpointStoreContract}: versioned compare-and-set, exactly one winner among
 *       concurrent runners, positions read back exactly;</li>
 *   <li>{@link io.qiao.sync.testkit.DeadLetterStoreContract}: de-duplication by job and key, resolve, purge and the
 *       reason summary;</li>
 *   <li>{@link io.qiao.sync.testkit.LookupContract}: a miss is an empty result, and {@code require} names the key.</li>
 * </ul>
 *
 * Extend one in your test sources and implement its abstract factory methods; every test of the suite then runs
 * against your implementation. Every implementation that ships with Qiao passes these suites.
 */
package io.qiao.sync.testkit;
