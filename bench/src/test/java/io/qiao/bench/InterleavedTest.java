package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTest {

    @Test
    void order_ofThree_runsEachContenderRightAfterEachOtherEquallyOften() {
        List<String> c = List.of("a", "b", "c");
        assertThat(Interleaved.order(c, 0)).containsExactly("a", "b", "c");
        assertThat(Interleaved.order(c, 1)).containsExactly("b", "c", "a");
        assertThat(Interleaved.order(c, 2)).containsExactly("c", "a", "b");
        // the mirror square: a plain rotation never runs a right after b, or c right after a
        assertThat(Interleaved.order(c, 3)).containsExactly("c", "b", "a");
        assertThat(Interleaved.order(c, 4)).containsExactly("a", "c", "b");
        assertThat(Interleaved.order(c, 5)).containsExactly("b", "a", "c");
        assertThat(Interleaved.order(c, 6)).containsExactly("a", "b", "c");
        assertThat(Interleaved.order(c, -1)).containsExactly("b", "a", "c"); // a warm-up round
    }

    @Test
    void order_overOneCycle_isBalancedForAnyNumberOfContenders() {
        for (int n = 2; n <= 7; n++) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                c.add(i);
            }
            int[] leads = new int[n];
            int[][] after = new int[n][n]; // after[x][y]: rounds in which y ran right after x
            for (int round = 0; round < Interleaved.cycle(n); round++) {
                List<Integer> order = Interleaved.order(c, round);
                assertThat(order).as("n=%d round %d", n, round).containsExactlyInAnyOrderElementsOf(c);
                leads[order.get(0)]++;
                for (int i = 1; i < n; i++) {
                    after[order.get(i - 1)][order.get(i)]++;
                }
            }
            int expectedAfter = Interleaved.cycle(n) / n;
            for (int x = 0; x < n; x++) {
                assertThat(leads[x]).as("n=%d leads of %d", n, x).isEqualTo(Interleaved.cycle(n) / n);
                for (int y = 0; y < n; y++) {
                    assertThat(after[x][y]).as("n=%d: %d right after %d", n, y, x).isEqualTo(x == y ? 0 : expectedAfter);
                }
            }
        }
    }

    @Test
    void settle_collectsTheHeapAndWaitsBeforeEveryMeasuredRun() throws Exception {
        long collectionsBefore = collections();
        long t0 = System.nanoTime();
        int[] runs = {0};
        Interleaved.of("rate").settle(20)
                .contender("a", () -> new double[] {++runs[0]})
                .contender("b", () -> new double[] {++runs[0]})
                .run(1, 2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(runs[0]).isEqualTo(6);
        // a lower bound only: a slow machine can make it longer, never shorter
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(6 * 20);
        assertThat(collections() - collectionsBefore).isGreaterThanOrEqualTo(6);
        assertThatThrownBy(() -> Interleaved.of("rate").settle(-1))
                .hasMessageContaining("bench.settleMillis");
    }

    private static long collections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    @Test
    void run_callsContendersInRotatedOrder_andLeavesWarmUpRoundsOutOfTheResults() throws Exception {
        List<String> calls = new ArrayList<>();
        double[] a = {100, 1, 2, 3};   // the first (warm-up) value must not count
        double[] b = {100, 2, 2, 2};
        int[] i = {0, 0};
        Interleaved.Results r = Interleaved.of("rate")
                .contender("a", () -> {
                    calls.add("a");
                    return new double[] {a[i[0]++]};
                })
                .contender("b", () -> {
                    calls.add("b");
                    return new double[] {b[i[1]++]};
                })
                .run(1, 3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // warm-up round -1 starts with b (rotated by -1 mod 2), then a/b, b/a, a/b
        assertThat(calls).containsExactly("b", "a", "a", "b", "b", "a", "a", "b");
        assertThat(r.of("a", "rate").median()).isEqualTo(2);
        // per-round ratios a/b: 0.5, 1.0, 1.5
        Interleaved.Spread ratio = r.ratio("a", "b", "rate");
        assertThat(ratio.median()).isEqualTo(1.0);
        assertThat(ratio.min()).isEqualTo(0.5);
        assertThat(ratio.max()).isEqualTo(1.5);
        assertThat(ratio.n()).isEqualTo(3);
        assertThat(r.fastest(List.of("a", "b"), "rate")).isEqualTo("a"); // median 2 vs 2: the first keeps it
    }

    @Test
    void run_whenAContenderFails_stopsWithItsError() {
        assertThatThrownBy(() -> Interleaved.of("rate")
                .contender("broken", () -> {
                    throw new IllegalStateException("left 3 rows, expected 5");
                })
                .run(0, 2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessage("left 3 rows, expected 5");
    }

    @Test
    void run_whenAContenderReportsTheWrongNumberOfFigures_namesItAndTheFigures() {
        assertThatThrownBy(() -> Interleaved.of("insert", "update")
                .contender("short", () -> new double[] {1})
                .run(0, 1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("short reported 1 figures, expected [insert, update]");
    }

    @Test
    void contender_named_twice_isRefused() {
        assertThatThrownBy(() -> Interleaved.of("rate").contender("x", () -> new double[] {1})
                .contender("x", () -> new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is already compared");
    }

    @Test
    void ratio_ofAnUnknownFigure_namesWhatWasRecorded() throws Exception {
        Interleaved.Results r = Interleaved.of("rate").contender("x", () -> new double[] {1})
                .run(0, 1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> r.ratio("x", "y", "rate")).hasMessageContaining("'y'").hasMessageContaining("[x]");
    }

    @Test
    void spread_ofAnOddCount_takesTheMiddleAndTukeyHinges() {
        Interleaved.Spread s = Interleaved.Spread.of(5, 1, 4, 2, 3, 9, 7);   // sorted 1 2 3 4 5 7 9
        assertThat(s.median()).isEqualTo(4);
        assertThat(s.q1()).isEqualTo(2);    // median of 1 2 3
        assertThat(s.q3()).isEqualTo(7);    // median of 5 7 9
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(9);
        // margin: 1.96 * 1.2533 * (5 / 1.349) / sqrt(7) / 4 = 0.8604
        assertThat(s.margin()).isCloseTo(0.8604, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(s.ratio()).isEqualTo("4.000 ±86.0% (IQR 2.00-7.00, range 1.00-9.00, 7 rounds)");
    }

    @Test
    void spread_ofAnEvenCount_averagesTheTwoMiddleValues() {
        Interleaved.Spread s = Interleaved.Spread.of(4, 1, 3, 2);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.q1()).isEqualTo(1.5);
        assertThat(s.q3()).isEqualTo(3.5);
    }

    @Test
    void spread_ofOneSample_isThatSample() {
        Interleaved.Spread s = Interleaved.Spread.of(0.9);
        assertThat(s.median()).isEqualTo(0.9);
        assertThat(s.q1()).isEqualTo(0.9);
        assertThat(s.q3()).isEqualTo(0.9);
    }

    @Test
    void spread_ofFewerThanThreeSamples_claimsNoPrecision() {
        assertThat(Interleaved.Spread.of(1.0, 1.0).margin()).isInfinite();
        assertThat(Interleaved.Spread.of(1.0, 1.0).ratio()).isEqualTo("1.000 (IQR 1.00-1.00, range 1.00-1.00, 2 rounds)");
    }

    @Test
    void untilPrecise_addsRoundsWhileTheWatchedRatioIsNoisy_andStopsOnceItIsSteady() throws Exception {
        // a/b alternates 0.5 and 1.5 for the first 6 rounds, then stays at exactly 1.0: the IQR shrinks as the
        // steady rounds outnumber the noisy ones, and the run stops short of its maximum.
        int[] calls = {0};
        Interleaved.Results r = Interleaved.of("rate")
                .contender("a", () -> {
                    int k = calls[0]++;
                    return new double[] {k < 6 ? (k % 2 == 0 ? 0.5 : 1.5) : 1.0};
                })
                .contender("b", () -> new double[] {1.0})
                .watch("a", "b", "rate")
                .untilPrecise(0.025, 40, 3600)
                .run(0, 3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(r.rounds()).isGreaterThan(3).isLessThan(40);
        assertThat(r.ratio("a", "b", "rate").margin()).isLessThanOrEqualTo(0.025);
    }

    @Test
    void untilPrecise_stopsAtMaxRounds_whenTheRatioNeverSettles() throws Exception {
        int[] calls = {0};
        Interleaved.Results r = Interleaved.of("rate")
                .contender("a", () -> new double[] {calls[0]++ % 2 == 0 ? 0.5 : 1.5})
                .contender("b", () -> new double[] {1.0})
                .watch("a", "b", "rate")
                .untilPrecise(0.025, 8, 3600)
                .run(0, 3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(r.rounds()).isEqualTo(8);
    }

    @Test
    void spread_ofNothing_isRefused() {
        assertThatThrownBy(Interleaved.Spread::of).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void untilPrecise_refusesSettingsThatWouldStopEveryBenchAtItsMinimum_namingTheProperty() {
        Interleaved i = Interleaved.of("rate");

        assertThatThrownBy(() -> i.untilPrecise(Double.NaN, 41, 150)).hasMessageContaining("bench.precision");
        assertThatThrownBy(() -> i.untilPrecise(-0.1, 41, 150)).hasMessageContaining("bench.precision");
        assertThatThrownBy(() -> i.untilPrecise(0.025, 0, 150)).hasMessageContaining("bench.maxRounds");
        assertThatThrownBy(() -> i.untilPrecise(0.025, 41, -1)).hasMessageContaining("bench.budgetSeconds");
        assertThatThrownBy(() -> i.untilPrecise(0.025, 41, Double.POSITIVE_INFINITY))
                .hasMessageContaining("bench.budgetSeconds");
        assertThat(i.untilPrecise(0.025, 41, 150)).isSameAs(i);
    }

    @Test
    void settleMillisProperty_thatIsNegativeTextOrOverAMinute_isRefusedBeforeAnyRun_namingIt() {
        String previous = System.getProperty("bench.settleMillis");
        try {
            for (String hostile : List.of("-1", "200; DROP", "60001", "1e9")) {
                System.setProperty("bench.settleMillis", hostile);
                assertThatThrownBy(() -> Interleaved.of("rate").untilPreciseOrProperties(41, 150))
                        .as(hostile).hasMessageStartingWith("bench.settleMillis: ");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("bench.settleMillis");
            } else {
                System.setProperty("bench.settleMillis", previous);
            }
        }
    }

    @Test
    void intProperty_refusesTextAndOutOfRange_namingTheProperty_andDefaultsOnlyWhenUnset() {
        String name = "bench.test.writers." + System.nanoTime();
        try {
            assertThat(Interleaved.intProperty(name, 4, 2, 16)).isEqualTo(4);
            System.setProperty(name, " 8 ");
            assertThat(Interleaved.intProperty(name, 4, 2, 16)).isEqualTo(8);
            System.setProperty(name, "four");
            assertThatThrownBy(() -> Interleaved.intProperty(name, 4, 2, 16))
                    .hasMessage(name + ": not a whole number: 'four'");
            System.setProperty(name, "1");
            assertThatThrownBy(() -> Interleaved.intProperty(name, 4, 2, 16))
                    .hasMessage(name + ": must be 2 to 16, was 1");
        } finally {
            System.clearProperty(name);
        }
    }
}
