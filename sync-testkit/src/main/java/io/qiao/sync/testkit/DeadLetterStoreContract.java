package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.record.Rules;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeadLetterStore} must have, as the engine and the replay, purge and summary commands
 * rely on it: an entry keeps everything needed to replay it; a record rejected again under the same job and key
 * updates its open entry (attempts + 1, first seen kept) instead of adding one, while a record without a key always
 * adds one; listing is oldest first within a limit; resolving hides an entry from the open list but keeps it, and
 * a later rejection of the same key opens a new entry; purging deletes one job's resolved (or all) entries; the
 * summary groups open entries last seen in a half-open range by normalised reason; instants keep their
 * milliseconds; entries survive a reopen.
 *
 * <p>Extend it with a class named {@code <Store>Test} (or {@code <Store>IT} for a real database) and implement
 * {@link #newStore()}; override {@link #reopen} when the store keeps its entries outside the instance. Instants are
 * whole milliseconds.
 */
public abstract class DeadLetterStoreContract {
    protected static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    protected static final String PAYLOAD = "{\"io_id\":1001,\"sku_id\":\"SKU-9\",\"name\":\"螺丝\"}";

    protected DeadLetterStore store;

    /** A new, empty store. */
    protected abstract DeadLetterStore newStore() throws Exception;

    /** A second instance over the same storage as {@code store}; stores without shared storage return it. */
    protected DeadLetterStore reopen(DeadLetterStore store) throws Exception {
        return store;
    }

    /** Creates the store each test uses. */
    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    /** {@link #T0} plus {@code minutes}. */
    protected static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private DeadLetter addAt(String job, String key, int minute, String... reasons) {
        return store.add(job, key, PAYLOAD, Rejection.Stage.VALIDATE, List.of(reasons), "[w1)", at(minute));
    }

    private DeadLetter addAtMillis(String job, String key, int millis, String... reasons) {
        return store.add(job, key, PAYLOAD, Rejection.Stage.VALIDATE, List.of(reasons), "[w1)", T0.plusMillis(millis));
    }

    @Test
    void add_keepsEverythingNeededToReplay() {
        DeadLetter d = store.add("jst-inout", "1001", PAYLOAD, Rejection.Stage.LOOKUP,
                List.of("KIS FItemID for sku_id: no value for 'SKU-9'", "doc_date: '2024/13/01' is not a date yyyy-MM-dd"),
                "[2024-05-01T00:00:00Z, 2024-05-02T00:00:00Z)", at(0));

        assertThat(d.id()).isNotBlank();
        assertThat(d.job()).isEqualTo("jst-inout");
        assertThat(d.key()).isEqualTo("1001");
        assertThat(d.payload()).isEqualTo(PAYLOAD);
        assertThat(d.stage()).isEqualTo(Rejection.Stage.LOOKUP);
        assertThat(d.reasons()).containsExactly("KIS FItemID for sku_id: no value for 'SKU-9'",
                "doc_date: '2024/13/01' is not a date yyyy-MM-dd");
        assertThat(d.window()).isEqualTo("[2024-05-01T00:00:00Z, 2024-05-02T00:00:00Z)");
        assertThat(d.firstSeen()).isEqualTo(at(0));
        assertThat(d.lastSeen()).isEqualTo(at(0));
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.resolved()).isFalse();
        assertThat(store.list("jst-inout", false, 10)).containsExactly(d);
    }

    @Test
    void add_withoutReasons_isRefused() {
        assertThatThrownBy(() -> store.add("j", "k", PAYLOAD, Rejection.Stage.MAP, List.of(), null, at(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void add_sameKeyAgain_updatesTheOpenEntryInsteadOfDuplicating() {
        DeadLetter first = addAt("j", "1001", 0, "sku 1 not found");
        DeadLetter again = store.add("j", "1001", "{\"io_id\":1001,\"v\":2}", Rejection.Stage.WRITE,
                List.of("KIS: 单据编号重复"), "[w2)", at(5));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.firstSeen()).isEqualTo(at(0));
        assertThat(again.lastSeen()).isEqualTo(at(5));
        assertThat(again.payload()).isEqualTo("{\"io_id\":1001,\"v\":2}");
        assertThat(again.stage()).isEqualTo(Rejection.Stage.WRITE);
        assertThat(again.reasons()).containsExactly("KIS: 单据编号重复");
        assertThat(again.window()).isEqualTo("[w2)");
        assertThat(store.list("j", true, 10)).containsExactly(again);
    }

    @Test
    void add_withoutKey_alwaysAddsANewEntry() {
        DeadLetter a = addAt("j", null, 0, "bad");
        DeadLetter b = addAt("j", null, 1, "bad");

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.key()).isNull();
        assertThat(store.list("j", false, 10)).hasSize(2);
    }

    @Test
    void add_sameKeyInAnotherJob_isASeparateEntry() {
        DeadLetter a = addAt("orders", "1001", 0, "bad");
        DeadLetter b = addAt("refunds", "1001", 1, "bad");

        // ids need only be unique within a job: every query names the job
        assertThat(store.list("orders", false, 10)).containsExactly(a);
        assertThat(store.list("refunds", false, 10)).containsExactly(b);
    }

    @Test
    void list_isOldestFirst_andHonoursTheLimit() {
        DeadLetter second = addAt("j", "b", 2, "x");
        DeadLetter first = addAt("j", "a", 1, "x");
        DeadLetter third = addAt("j", "c", 3, "x");

        assertThat(store.list("j", false, 10)).containsExactly(first, second, third);
        assertThat(store.list("j", false, 2)).containsExactly(first, second);
    }

    @Test
    void list_withZeroLimit_isRefused() {
        assertThatThrownBy(() -> store.list("j", false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void resolve_hidesEntriesFromTheOpenList_butKeepsThem() {
        DeadLetter a = addAt("j", "a", 0, "x");
        DeadLetter b = addAt("j", "b", 1, "x");

        store.resolve("j", List.of(a.id()), at(10));

        assertThat(store.list("j", false, 10)).containsExactly(b);
        List<DeadLetter> all = store.list("j", true, 10);
        assertThat(all).extracting(DeadLetter::id).containsExactly(a.id(), b.id());
        assertThat(all.get(0).resolved()).isTrue();
        assertThat(all.get(0).attempts()).isEqualTo(1);
        assertThat(store.find("j", a.id()).orElseThrow().resolved()).isTrue();
    }

    @Test
    void resolve_ofAnotherJobsIdOrUnknownId_changesNothing() {
        DeadLetter a = addAt("orders", "a", 0, "x");

        store.resolve("refunds", List.of(a.id()), at(1));
        store.resolve("orders", List.of("no-such-id-424242"), at(1));

        assertThat(store.list("orders", false, 10)).containsExactly(a);
    }

    @Test
    void add_afterResolve_opensANewEntry() {
        DeadLetter a = addAt("j", "1001", 0, "x");
        store.resolve("j", List.of(a.id()), at(1));

        DeadLetter again = addAt("j", "1001", 2, "x");

        assertThat(again.id()).isNotEqualTo(a.id());
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(store.list("j", true, 10)).hasSize(2);
    }

    @Test
    void purge_resolvedOnly_keepsOpenEntries() {
        DeadLetter a = addAt("j", "a", 0, "x");
        DeadLetter b = addAt("j", "b", 1, "x");
        addAt("other", "a", 2, "x");
        store.resolve("j", List.of(a.id()), at(3));

        assertThat(store.purge("j", true)).isEqualTo(1);

        assertThat(store.list("j", true, 10)).containsExactly(b);
        assertThat(store.list("other", true, 10)).hasSize(1);
    }

    @Test
    void purge_all_deletesEveryEntryOfTheJobOnly() {
        addAt("j", "a", 0, "x");
        addAt("j", "b", 1, "x");
        addAt("other", "a", 2, "x");

        assertThat(store.purge("j", false)).isEqualTo(2);

        assertThat(store.list("j", true, 10)).isEmpty();
        assertThat(store.list("other", true, 10)).hasSize(1);
    }

    @Test
    void summary_groupsByNormalisedReason_mostFrequentFirst() {
        addAt("j", "1", 0, "sku 123 not found");
        addAt("j", "2", 1, "sku 456 not found");
        addAt("j", "3", 2, "sku 789 not found", "doc_date: '2024/13/01' is not a date yyyy-MM-dd");
        addAt("j", "4", 3, "doc_date: '2024-02-30' is not a date yyyy-MM-dd");
        addAt("j", "5", 4, "HTTP 500 from KIS");

        Map<String, Long> summary = store.summary("j", at(0), at(60));

        assertThat(summary).containsExactly(
                Map.entry("sku # not found", 3L),
                Map.entry("doc_date: '?' is not a date yyyy-MM-dd", 2L),
                Map.entry("HTTP # from KIS", 1L));
    }

    @Test
    void summary_countsOnlyOpenEntriesLastSeenInTheHalfOpenRange() {
        addAt("j", "early", 0, "too early");
        addAt("j", "in", 10, "inside");
        DeadLetter resolved = addAt("j", "resolved", 11, "inside");
        addAt("j", "end", 20, "at the end");
        addAt("other", "in", 10, "inside");
        store.resolve("j", List.of(resolved.id()), at(12));

        Map<String, Long> summary = store.summary("j", at(5), at(20));

        assertThat(summary).containsExactly(Map.entry("inside", 1L));
    }

    @Test
    void add_atTimesWithMilliseconds_readsThemBackExactly() throws Exception {
        DeadLetter first = store.add("j", "1001", PAYLOAD, Rejection.Stage.VALIDATE, List.of("x"), "[w1)",
                T0.plusMillis(123));
        DeadLetter again = store.add("j", "1001", PAYLOAD, Rejection.Stage.WRITE, List.of("y"), "[w2)",
                T0.plusMillis(1_456));

        assertThat(first.firstSeen()).isEqualTo(T0.plusMillis(123));
        assertThat(again.firstSeen()).isEqualTo(T0.plusMillis(123));
        assertThat(again.lastSeen()).isEqualTo(T0.plusMillis(1_456));
        assertThat(store.list("j", false, 10)).containsExactly(again);
        assertThat(reopen(store).find("j", again.id())).contains(again);
    }

    @Test
    void list_ordersEntriesOfOneSecondByTheirMilliseconds() {
        DeadLetter later = addAtMillis("j", "later", 900, "x");
        DeadLetter earlier = addAtMillis("j", "earlier", 100, "x");

        assertThat(store.list("j", false, 10)).containsExactly(earlier, later);
    }

    @Test
    void summary_rangeThatSplitsASecond_countsExactlyTheEntriesLastSeenInIt() {
        addAtMillis("j", "before", 499, "just before");
        addAtMillis("j", "from", 500, "at from");
        addAtMillis("j", "inside", 999, "inside");
        addAtMillis("j", "to", 1_250, "at to");

        Map<String, Long> summary = store.summary("j", T0.plusMillis(500), T0.plusMillis(1_250));

        assertThat(summary).containsOnly(Map.entry("at from", 1L), Map.entry("inside", 1L));
    }

    /**
     * Stores keep the millisecond a dead letter was seen, and MariaDB and PostgreSQL compare times to the
     * microsecond: a summary ending one nanosecond after "now" ended at "now" itself there, and missed what was
     * recorded within the current millisecond.
     */
    @Test
    void aJobsSummary_countsTheDeadLetterItRecordedAtThatSameInstant() {
        record Item(String id, String sku) {
        }
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2024-05-01T00:00:00.123Z"),
                java.time.ZoneOffset.UTC);
        SyncJob<Item, Item> job = SyncJob.builder("summary-job")
                .source(ListSource.of(List.of(new Item("io-1", "SKU-1"), new Item("io-2", ""))))
                .validate(Rules.required("sku", Item::sku))
                .sink(InMemorySink.<String, Item>keyedBy(Item::id))
                .keyOf(Item::id)
                .checkpoints(new InMemoryCheckpointStore())
                .deadLetters(store)
                .clock(clock)
                .build();

        SyncReport report = job.runOnce();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(job.deadLetterSummary(Duration.ofHours(1))).hasSize(1).containsValue(1L);
    }

    @Test
    void entries_surviveReopen() throws Exception {
        DeadLetter a = addAt("j", "a", 0, "x");
        DeadLetter b = addAt("j", "b", 1, "y");
        store.resolve("j", List.of(a.id()), at(2));
        store.flush();

        DeadLetterStore other = reopen(store);

        assertThat(other.list("j", true, 10)).extracting(DeadLetter::id, DeadLetter::resolved)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.id(), true),
                        org.assertj.core.groups.Tuple.tuple(b.id(), false));
        DeadLetter again = other.add("j", "b", PAYLOAD, Rejection.Stage.VALIDATE, List.of("y"), "[w1)", at(3));
        assertThat(again.id()).isEqualTo(b.id());
        assertThat(again.attempts()).isEqualTo(2);
    }
}
