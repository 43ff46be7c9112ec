package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The endless-paging guard of {@link PagedIterable}: each limit ends the walk with one sentence. */
class PagingGuardTest {
    private static final Duration SAFETY_NET = Duration.ofSeconds(20);

    /** Answers every page index with the same two records and "more follow", as a vendor ignoring the index. */
    private static Page<String> sameRowsForEver(String token) {
        int page = token == null ? 1 : Integer.parseInt(token);
        return Page.of(List.of("io-1", "io-2"), Integer.toString(page + 1));
    }

    private static PagingGuard guard(PagingLimits limits, Clock clock) {
        return PagingGuard.of("聚水潭", limits, clock);
    }

    @Test
    void pageIndexPagingAnsweringTheSameRowsForEver_endsWithOneSentenceNamingVendorOperationPageAndWhy() {
        PagedIterable<String> endless = PagedIterable.of("/open/other/inout/query", PagingGuardTest::sameRowsForEver)
                .guardedBy(guard(PagingLimits.defaults(), Clock.systemUTC())).withMoreSignal("has_next=true");

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> endless.forEach(r -> { })))
                .isInstanceOf(PagingException.class)
                .isInstanceOf(DecodeException.class)
                .hasMessage("聚水潭 /open/other/inout/query page 2 repeated page 1's 2 records: the vendor keeps "
                        + "answering has_next=true with the same data; listing stopped");
    }

    @Test
    void aRepeatedPage_isSeenEvenWhenMapPagesFiltersEveryRecordAway() {
        PagedIterable<String> filteredToNothing = PagedIterable.of("op", PagingGuardTest::sameRowsForEver)
                .mapPages(p -> Page.of(List.<String>of(), p.nextToken()));

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> filteredToNothing.forEach(r -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("page 2 repeated page 1's 2 records");
    }

    @Test
    void newRowsOnEveryPageBeyondTheWindowCap_endWithTheCapInTheMessage() {
        AtomicInteger requests = new AtomicInteger();
        PagedIterable<Integer> endless = PagedIterable.of("Material/List", t -> {
            int page = t == null ? 1 : Integer.parseInt(t);
            requests.incrementAndGet();
            return Page.of(List.of(page), Integer.toString(page + 1));
        }).guardedBy(PagingGuard.of("KIS", PagingLimits.builder().maxPagesPerWindow(5).build(), Clock.systemUTC()));

        assertThatThrownBy(() -> endless.forEach(r -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("KIS Material/List page 6: more than 5 pages in one window")
                .satisfies(e -> assertThat(((PagingException) e).page()).isEqualTo(6));
        assertThat(requests).hasValue(5);
    }

    @Test
    void theWindowCapCountsEachWindowAfresh() {
        // Three windows of four pages each ("window:page"), under a cap of five pages per window.
        PagedIterable<String> windows = PagedIterable.of("op", (String t) -> {
            int w = t == null ? 0 : Integer.parseInt(t.split(":")[0]);
            int p = t == null ? 1 : Integer.parseInt(t.split(":")[1]);
            String next = p < 4 ? w + ":" + (p + 1) : w < 2 ? (w + 1) + ":1" : null;
            return Page.of(List.of(w + "/" + p), next);
        }).guardedBy(guard(PagingLimits.builder().maxPagesPerWindow(5).build(), Clock.systemUTC()))
                .windowedBy(t -> t == null ? 0 : Integer.parseInt(t.split(":")[0]));

        assertThat(windows.stream().toList()).hasSize(12);
    }

    @Test
    void theSameRecordsInTheNextWindow_areNotARepeat() {
        PagedIterable<String> twoWindows = PagedIterable.of("op", (String t) ->
                        Page.of(List.of("same"), t == null ? "1" : null))
                .windowedBy(t -> t == null ? 0 : 1);

        assertThat(twoWindows.stream().toList()).containsExactly("same", "same");
    }

    @Test
    void aWindowPagingLongerThanItsTimeBudget_isStoppedByTheClientsClockWithoutSleeping() {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-04T00:00:00Z"));
        PagedIterable<Integer> slow = PagedIterable.of("erp.warehouse.get", (String t) -> {
            clock.advance(Duration.ofMinutes(10)); // each page takes ten minutes of the client's time
            int page = t == null ? 1 : Integer.parseInt(t);
            return Page.of(List.of(page), Integer.toString(page + 1));
        }).guardedBy(PagingGuard.of("吉客云", PagingLimits.defaults(), clock));

        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> slow.forEach(seen::add)))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("吉客云 erp.warehouse.get page 5: the window has been paging for 40m, "
                        + "beyond the 30m set by PagingLimits.timeBudgetPerWindow; listing stopped");
        assertThat(seen).containsExactly(1, 2, 3, 4);
    }

    @Test
    void limitsRefuseNonsense() {
        assertThatThrownBy(() -> PagingLimits.builder().maxPagesPerWindow(0))
                .hasMessage("maxPagesPerWindow must be at least 1, was 0");
        assertThatThrownBy(() -> PagingLimits.builder().timeBudgetPerWindow(Duration.ZERO))
                .hasMessage("timeBudgetPerWindow must be positive, was PT0S");
    }

    @Test
    void aClientBuilderCarriesItsPagingLimitsToTheGuard() {
        PagingLimits limits = PagingLimits.builder().maxPagesPerWindow(7).build();
        ClientSettings settings = new ClientBuilderTest.TestBuilder(new AtomicInteger()).pagingLimits(limits)
                .transport(r -> { throw new AssertionError(); }).copy().build();

        assertThat(settings.pagingGuard("KIS").limits()).isEqualTo(limits);
        assertThat(settings.pagingGuard("KIS").vendor()).isEqualTo("KIS");
    }

    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
