package io.qiao.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingException;
import io.qiao.client.PagingGuard;
import io.qiao.client.PagingLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WindowedPagerTest {
    private static final LocalDateTime MAY_1 = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final PagingGuard GUARD = PagingGuard.of("TestVendor", PagingLimits.defaults(), Clock.systemUTC());

    /** What the pager asked for: the window (or "-") and the page or cursor. */
    private final List<String> asked = new ArrayList<>();

    private String note(WallClockWindow w, int page, String cursor) {
        String s = (w == null ? "-" : w.startText() + ".." + w.endText()) + " p" + page
                + (cursor == null ? "" : " c" + cursor);
        asked.add(s);
        return s;
    }

    @Test
    void build_sendsNothingBeforeIteration() {
        PagedIterable<String> pages = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.of(List.of("x"), false);
        }).windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(20), Duration.ofDays(7))).build();

        assertThat(asked).isEmpty();
        pages.iterator().hasNext();
        assertThat(asked).hasSize(1);
    }

    @Test
    void pages_walkEachWindowFromTheFirstPageUntilTheVendorSignalsNoMore_thenTheNextWindow() {
        List<WallClockWindow> windows = WallClockWindow.plan(MAY_1, MAY_1.plusDays(8), Duration.ofDays(7));
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            String s = note(w, p, c);
            boolean firstWindow = w.start().equals(MAY_1);
            return WindowedPager.Batch.of(List.of(s), firstWindow && p < 2);
        }).windows(windows).firstPage(0).guard(GUARD).build().stream().toList();

        assertThat(asked).containsExactly(
                "2024-05-01 00:00:00..2024-05-08 00:00:00 p0",
                "2024-05-01 00:00:00..2024-05-08 00:00:00 p1",
                "2024-05-01 00:00:00..2024-05-08 00:00:00 p2",
                "2024-05-08 00:00:00..2024-05-09 00:00:00 p0");
        assertThat(records).isEqualTo(asked);
    }

    @Test
    void pages_anEmptyRange_sendsNothingAndListsNothing() {
        PagedIterable<String> pages = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.of(List.of("x"), false);
        }).windows(WallClockWindow.plan(MAY_1, MAY_1, Duration.ofDays(7))).build();

        assertThat(pages.stream().toList()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void pages_anEmptyWindow_movesOnToTheNextWindow() {
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return w.start().equals(MAY_1) ? WindowedPager.Batch.of(List.of(), false)
                    : WindowedPager.Batch.of(List.of("late"), false);
        }).windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(2), Duration.ofDays(1))).build().stream().toList();

        assertThat(records).containsExactly("late");
        assertThat(asked).hasSize(2);
    }

    @Test
    void pages_anEmptyPageThatClaimsMore_endsItsWindow() {
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.of(p == 1 ? List.of("a") : List.of(), true);
        }).build().stream().toList();

        assertThat(records).containsExactly("a");
        assertThat(asked).containsExactly("- p1", "- p2");
    }

    @Test
    void pages_aVendorRepeatingThePageWhileClaimingMore_isStoppedWithPagingException() {
        PagedIterable<String> pages = WindowedPager.<String>builder("/open/x/query", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.of(List.of("same", "rows"), true); // ignores the page number
        }).windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(1), null)).guard(GUARD).moreSignal("has_next=true")
                .build();

        assertThatThrownBy(() -> pages.forEach(r -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("TestVendor /open/x/query page 2")
                .hasMessageContaining("has_next=true");
        assertThat(asked).hasSize(2);
    }

    @Test
    void pages_theSameRecordsInTwoWindows_areNotARepetition() {
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.of(List.of("same"), false);
        }).windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(3), Duration.ofDays(1))).guard(GUARD).build()
                .stream().toList();

        assertThat(records).containsExactly("same", "same", "same");
    }

    @Test
    void pages_cursorMode_chainsTheCursorAndKeepsThePageNumber() {
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            String s = note(w, p, c);
            int n = c == null ? 0 : Integer.parseInt(c);
            return WindowedPager.Batch.chained(List.of(s), n < 2, Integer.toString(n + 1));
        }).firstPage(0).build().stream().toList();

        assertThat(asked).containsExactly("- p0", "- p0 c1", "- p0 c2");
        assertThat(records).hasSize(3);
    }

    @Test
    void pages_cursorMode_aFullPageWithoutANextCursor_endsTheWindow() {
        List<String> records = WindowedPager.<String>builder("op", (w, p, c) -> {
            note(w, p, c);
            return WindowedPager.Batch.chained(List.of("a"), true, "");
        }).build().stream().toList();

        assertThat(records).containsExactly("a");
        assertThat(asked).hasSize(1);
    }

    @Test
    void pages_withRecordTime_dropARecordOutsideItsWindow_soABoundaryRecordComesOnce() {
        LocalDateTime boundary = MAY_1.plusDays(1);
        List<LocalDateTime> records = WindowedPager.<LocalDateTime>builder("op", (w, p, c) ->
                        // An inclusive end: each window also returns the record on its end second.
                        WindowedPager.Batch.of(List.of(w.start(), w.end()), false))
                .windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(2), Duration.ofDays(1)))
                .recordTime(t -> t).build().stream().toList();

        // Without the filter: MAY_1, boundary, boundary, MAY_3.
        assertThat(records).containsExactly(MAY_1, boundary);
    }

    @Test
    void pages_aRepetitionHiddenByTheWindowFilter_isStillCaught() {
        // Every record lies outside the window, so every page looks empty after filtering; the guard compares the
        // pages as fetched and still sees the repetition.
        PagedIterable<LocalDateTime> pages = WindowedPager.<LocalDateTime>builder("op", (w, p, c) ->
                        WindowedPager.Batch.of(List.of(MAY_1.minusDays(9)), true))
                .windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(1), null)).recordTime(t -> t).guard(GUARD)
                .build();

        assertThatThrownBy(() -> pages.forEach(r -> { })).isInstanceOf(PagingException.class);
    }

    @Test
    void byPage_resumesFromAPagesContinuation() {
        WindowedPager.Fetch<String> fetch = (w, p, c) -> {
            String s = note(w, p, c);
            return WindowedPager.Batch.of(List.of(s), p < 3);
        };
        PagedIterable<String> pages = WindowedPager.builder("op", fetch)
                .windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(2), Duration.ofDays(1))).build();
        List<Page<String>> all = new ArrayList<>();
        pages.byPage().forEach(all::add);
        String afterSecond = all.get(1).nextToken();
        asked.clear();

        List<String> rest = new ArrayList<>();
        pages.byPage(afterSecond).forEach(pg -> rest.addAll(pg.items()));

        assertThat(all).hasSize(6);
        assertThat(afterSecond).isEqualTo("0:3");
        assertThat(asked).first().asString().endsWith("p3");
        assertThat(rest).hasSize(4);
    }

    @Test
    void byPage_aTokenOfAnotherListing_isRefusedNamingTheOperation() {
        PagedIterable<String> pages = WindowedPager.<String>builder("op", (w, p, c) ->
                WindowedPager.Batch.of(List.of("a"), false)).build();

        assertThatThrownBy(() -> pages.byPage("nonsense").iterator().next())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("op").hasMessageContaining("nonsense");
        assertThatThrownBy(() -> pages.byPage("5:1").iterator().next())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the last of 1 windows");
    }

    @Test
    void pages_theGuardsLimits_applyPerWindow() {
        PagingGuard tight = PagingGuard.of("V", PagingLimits.builder().maxPagesPerWindow(3).build(), Clock.systemUTC());
        // Three pages in each of two windows: within the cap of 3 per window, though 6 in all.
        List<Integer> records = WindowedPager.<Integer>builder("op", (w, p, c) ->
                        WindowedPager.Batch.of(List.of(p + (w.start().equals(MAY_1) ? 0 : 10)), p < 3))
                .windows(WallClockWindow.plan(MAY_1, MAY_1.plusDays(2), Duration.ofDays(1))).guard(tight).build()
                .stream().toList();

        assertThat(records).containsExactlyElementsOf(IntStream.of(1, 2, 3, 11, 12, 13).boxed().toList());
    }
}
