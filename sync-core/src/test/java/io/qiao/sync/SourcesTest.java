package io.qiao.sync;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourcesTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static <T> List<Window<T>> all(Iterator<Window<T>> it) {
        List<Window<T>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static <T> List<T> records(Window<T> w) {
        List<T> out = new ArrayList<>();
        w.records().forEachRemaining(out::add);
        return out;
    }

    @Test
    void timeWindowSource_whenRangeExceedsTheVendorCap_slicesIntoWindows_fromWatermarkMinusOverlap() {
        List<TimeWindow> asked = new ArrayList<>();
        TimeWindowSource<String> source = TimeWindowSource.<String>builder(w -> {
                    asked.add(w);
                    return List.of();
                })
                .maxWindow(Duration.ofDays(7)).overlap(Duration.ofMinutes(5)).settleDelay(Duration.ofMinutes(1)).build();

        List<Window<String>> windows = all(source.windows(Position.at(Instant.parse("2024-04-20T00:00:00Z")), CLOCK));

        assertThat(windows).extracting(Window::describe).containsExactly(
                "[2024-04-19T23:55:00Z, 2024-04-26T23:55:00Z)",
                "[2024-04-26T23:55:00Z, 2024-05-03T23:55:00Z)",
                "[2024-05-03T23:55:00Z, 2024-05-10T11:59:00Z)");
        assertThat(windows.get(2).endPosition()).isEqualTo(Position.at(Instant.parse("2024-05-10T11:59:00Z")));
        assertThat(asked).isEmpty(); // lazy: nothing fetched until records are read
    }

    @Test
    void timeWindowSource_withUntil_stopsThere_evenWhenNowIsLater() {
        TimeWindowSource<String> source = TimeWindowSource.<String>builder(w -> List.of())
                .maxWindow(Duration.ofDays(1)).overlap(Duration.ZERO).until(Instant.parse("2024-04-22T12:00:00Z"))
                .build();

        List<Window<String>> windows = all(source.windows(Position.at(Instant.parse("2024-04-21T00:00:00Z")), CLOCK));

        assertThat(windows).extracting(Window::describe).containsExactly(
                "[2024-04-21T00:00:00Z, 2024-04-22T00:00:00Z)", "[2024-04-22T00:00:00Z, 2024-04-22T12:00:00Z)");
        assertThat(all(source.windows(Position.at(Instant.parse("2024-04-22T12:00:00Z")), CLOCK))).isEmpty();
    }

    @Test
    void timeWindowSource_startsTwentyFourHoursBack_unlessGivenAnInitialWatermark() {
        TimeWindowSource<String> byDefault = TimeWindowSource.<String>builder(w -> List.of()).build();
        TimeWindowSource<String> fixed = TimeWindowSource.<String>builder(w -> List.of())
                .initialWatermark(Instant.parse("2024-01-01T00:00:00Z")).build();

        assertThat(byDefault.initialPosition(CLOCK)).isEqualTo(Position.at(NOW.minus(Duration.ofHours(24))));
        assertThat(fixed.initialPosition(CLOCK)).isEqualTo(Position.at(Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void timeWindowSource_whenWatermarkIsWithinTheSettleDelay_plansNothing() {
        TimeWindowSource<String> source = TimeWindowSource.<String>builder(w -> List.of())
                .overlap(Duration.ZERO).settleDelay(Duration.ofMinutes(1)).build();

        assertThat(all(source.windows(Position.at(NOW.minusSeconds(30)), CLOCK))).isEmpty();
    }

    @Test
    void timeWindowSource_countsPagesOfAPagedIterable_andReadsAgainOnEachCall() {
        AtomicInteger requests = new AtomicInteger();
        TimeWindowSource<Integer> source = TimeWindowSource.<Integer>builder(w -> PagedIterable.<Integer>of("q", t -> {
            requests.incrementAndGet();
            int from = t == null ? 0 : Integer.parseInt(t);
            return from < 4 ? Page.of(List.of(from, from + 1), Integer.toString(from + 2)) : Page.last(List.of(from));
        })).overlap(Duration.ZERO).settleDelay(Duration.ZERO).maxWindow(Duration.ofDays(30)).build();
        Window<Integer> w = source.windows(Position.at(NOW.minusSeconds(60)), CLOCK).next();

        assertThat(records(w)).containsExactly(0, 1, 2, 3, 4);
        assertThat(w.pagesFetched()).isEqualTo(3);
        assertThat(records(w)).containsExactly(0, 1, 2, 3, 4);
        assertThat(requests).hasValue(6);
    }

    @Test
    void timeWindowSource_distinctBy_dropsRepeatsWithinAWindowAndFromTheOneBefore() {
        record Rec(String id, int version) {
        }
        TimeWindowSource<Rec> source = TimeWindowSource.<Rec>builder(w -> w.start().equals(NOW.minus(Duration.ofDays(2)))
                        ? List.of(new Rec("a", 1), new Rec("a", 1), new Rec("b", 1))
                        : List.of(new Rec("a", 1), new Rec("b", 2)))
                .overlap(Duration.ZERO).settleDelay(Duration.ZERO).maxWindow(Duration.ofDays(1))
                .distinctBy(r -> r.id() + "@" + r.version()).build();

        List<Window<Rec>> windows = all(source.windows(Position.at(NOW.minus(Duration.ofDays(2))), CLOCK));

        assertThat(records(windows.get(0))).containsExactly(new Rec("a", 1), new Rec("b", 1));
        assertThat(records(windows.get(1))).containsExactly(new Rec("b", 2));
    }

    @Test
    void timeWindowSource_distinctBy_remembersOnlyTheMostRecentKeys_soMemoryStaysBounded() {
        // "k0" repeats after 5 other keys: a capacity of 3 has forgotten it, a capacity of 10 has not.
        List<String> window = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k0", "k5");
        java.util.function.IntFunction<TimeWindowSource<String>> source = capacity ->
                TimeWindowSource.<String>builder(w -> window).overlap(Duration.ZERO).settleDelay(Duration.ZERO)
                        .maxWindow(Duration.ofDays(1)).distinctBy(k -> k).distinctCapacity(capacity).build();
        Position from = Position.at(NOW.minus(Duration.ofDays(1)));

        assertThat(records(all(source.apply(3).windows(from, CLOCK)).get(0)))
                .containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k0");
        assertThat(records(all(source.apply(10).windows(from, CLOCK)).get(0)))
                .containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
        assertThatThrownBy(() -> TimeWindowSource.builder(w -> List.of()).distinctCapacity(0))
                .hasMessage("distinctCapacity must be at least 1, was 0");
    }

    @Test
    void timeWindowSource_refusesNonsenseDurations_namingThem() {
        assertThatThrownBy(() -> TimeWindowSource.builder(w -> List.of()).maxWindow(Duration.ZERO))
                .hasMessage("maxWindow must be positive, was PT0S");
        assertThatThrownBy(() -> TimeWindowSource.builder(w -> List.of()).overlap(Duration.ofSeconds(-1)))
                .hasMessage("overlap must not be negative, was PT-1S");
    }

    @Test
    void timeWindowSource_withHugeDurations_plansWithoutOverflow_andRefusesALookBackBeforeTheEpoch() {
        Duration huge = Duration.ofDays(36_525); // the longest a builder takes (100 years): far past the epoch
        TimeWindowSource<String> wide = TimeWindowSource.<String>builder(w -> List.of()).maxWindow(huge).overlap(huge)
                .initialWatermark(Instant.parse("2024-05-01T00:00:00Z")).build();
        TimeWindowSource<String> farBack = TimeWindowSource.<String>builder(w -> List.of()).initialLookback(huge)
                .build();

        List<Window<String>> windows = all(wide.windows(wide.initialPosition(CLOCK), CLOCK));

        assertThat(windows).singleElement().satisfies(w ->
                assertThat(w.describe()).isEqualTo("[1970-01-01T00:00:00Z, 2024-05-10T11:59:30Z)"));
        assertThatThrownBy(() -> farBack.initialPosition(CLOCK)).isInstanceOf(SyncException.class)
                .hasMessage("initialLookback " + huge + " reaches before 1970-01-01T00:00:00Z, where checkpoints "
                        + "begin; choose a shorter look-back or an initialWatermark");
    }

    @Test
    void listSource_resumesAtTheCursorOffset() {
        ListSource<String> source = ListSource.of(List.of("a", "b", "c", "d", "e"), 2);

        List<Window<String>> windows = all(source.windows(ListSource.positionAt(1), CLOCK));

        assertThat(windows).extracting(Window::describe).containsExactly("records [1, 3)", "records [3, 5)");
        assertThat(records(windows.get(1))).containsExactly("d", "e");
        assertThatThrownBy(() -> source.windows(new Position(Instant.EPOCH, "x"), CLOCK))
                .hasMessageContaining("cursor is a record offset, was 'x'");
    }

    @Test
    void fullRefreshSource_readsEverythingEachRun_andRecordsWhenItDid() {
        FullRefreshSource<String> source = FullRefreshSource.of(() -> PagedIterable.<String>of("warehouses",
                t -> t == null ? Page.of(List.of("WH1", "WH2"), "2") : Page.last(List.of("WH3"))));

        List<Window<String>> windows = all(source.windows(Position.at(Instant.parse("2024-05-01T00:00:00Z")), CLOCK));

        assertThat(windows).hasSize(1);
        assertThat(records(windows.get(0))).containsExactly("WH1", "WH2", "WH3");
        assertThat(windows.get(0).pagesFetched()).isEqualTo(2);
        assertThat(windows.get(0).endPosition()).isEqualTo(Position.at(NOW));
        assertThat(source.initialPosition(CLOCK)).isEqualTo(Position.at(Instant.EPOCH));
    }

    @Test
    void fullRefreshJob_writesEveryRecordEveryRun_idempotently() {
        InMemorySink<String, String> sink = InMemorySink.keyedBy(s -> s);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        SyncJob<String, String> job = SyncJob.builder("warehouses").source(FullRefreshSource.of(() -> List.of("A", "B")))
                .sink(sink).checkpoints(checkpoints).deadLetters(new InMemoryDeadLetterStore()).clock(CLOCK).build();

        job.runOnce();
        SyncReport second = job.runOnce();

        assertThat(second.written()).isEqualTo(2);
        assertThat(sink.size()).isEqualTo(2);
        assertThat(sink.writes()).isEqualTo(4);
        assertThat(checkpoints.load("warehouses").orElseThrow().version()).isEqualTo(2);
    }
}
