package io.qiao.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compared writers measured round by round, so that a ratio between two of them is stable on a shared machine:
 * every round runs each contender once and each ratio is taken within a round, between measurements seconds apart.
 * The reported figure is the median of the per-round ratios with its spread, not a best-of: a best-of compares two
 * maxima of noisy samples and moved by ±15% between runs (issue 22).
 *
 * <p>What one run leaves behind, the next pays for: its garbage in the heap and the server's background writes of
 * its pages. Measured with three contenders, a run right after the 4-writer sink's was up to 14% slower than the
 * same run after raw JDBC's. Two things keep that from favouring anyone: before each measured run the harness
 * collects the heap and waits {@code -Dbench.settleMillis} (default 200 ms, see {@link #untilPreciseOrProperties}),
 * and the orders of the rounds form a balanced Latin square ({@link #order}): every contender leads as often as
 * every other and runs right after each other contender equally often. (A plain rotation of three, used before,
 * had raw JDBC run right after the 4-writer sink in two rounds of three and Qiao's single writer in one.)
 *
 * <p>A contender's run returns one or more figures (rates, higher is better), named when the harness is made, e.g.
 * {@code "insert"} and {@code "update"} for a pass that inserts and then updates the same rows.
 */
final class Interleaved {
    /** One measured run of a contender: its figures, in the order of the harness's figure names. */
    @FunctionalInterface
    interface Trial {
        double[] run() throws Exception;
    }

    private final List<String> figures;
    private final Map<String, Trial> contenders = new LinkedHashMap<>();
    private final List<String[]> watched = new ArrayList<>();
    private double precision;
    private int maxRounds;
    private double budgetSeconds;
    private long settleMillis;

    private Interleaved(List<String> figures) {
        this.figures = figures;
    }

    /** A harness whose contenders each report these figures, in this order. */
    static Interleaved of(String... figureNames) {
        if (figureNames.length == 0) {
            throw new IllegalArgumentException("figureNames: name at least one figure a contender reports");
        }
        return new Interleaved(List.of(figureNames));
    }

    Interleaved contender(String name, Trial trial) {
        if (contenders.putIfAbsent(name, trial) != null) {
            throw new IllegalArgumentException("contender: '" + name + "' is already compared");
        }
        return this;
    }

    /**
     * Adds rounds beyond the minimum, up to {@code maxRounds} or until {@code budgetSeconds} have passed, while the
     * 95% margin of any watched ratio's median ({@link Spread#margin()}) is wider than {@code precision} (e.g. 0.025
     * for ±2.5%, so that two runs agree within ±5%). A quiet machine stops at the minimum; a loaded one buys its
     * precision with rounds, or says how far it got.
     */
    Interleaved untilPrecise(double precision, int maxRounds, double budgetSeconds) {
        // a NaN or negative setting would silently stop every bench at its minimum rounds
        if (!(precision > 0 && precision < 1)) {
            throw new IllegalArgumentException("bench.precision: must be a fraction above 0 and below 1, was " + precision);
        }
        if (maxRounds < 1 || maxRounds > 10_000) {
            throw new IllegalArgumentException("bench.maxRounds: must be 1 to 10000, was " + maxRounds);
        }
        if (!(budgetSeconds >= 0 && budgetSeconds <= 86_400)) {
            throw new IllegalArgumentException("bench.budgetSeconds: must be 0 to 86400 seconds, was " + budgetSeconds);
        }
        this.precision = precision;
        this.maxRounds = maxRounds;
        this.budgetSeconds = budgetSeconds;
        return this;
    }

    /**
     * {@link #untilPrecise} with {@code -Dbench.precision} (default 0.025), {@code -Dbench.maxRounds} and
     * {@code -Dbench.budgetSeconds} (defaults given by the bench), so run-all and a reader can trade time for precision.
     */
    Interleaved untilPreciseOrProperties(int defaultMaxRounds, double defaultBudgetSeconds) {
        return untilPrecise(number("bench.precision", "0.025"),
                intProperty("bench.maxRounds", defaultMaxRounds, 1, 10_000),
                number("bench.budgetSeconds", String.valueOf(defaultBudgetSeconds)))
                .settle(intProperty("bench.settleMillis", 200, 0, 60_000));
    }

    /**
     * Before each measured run (warm-up runs too): a full collection of the heap, then {@code millis} of nothing, so
     * that a run does not pay for the garbage and the server's page writes of the run before it. 0 (the default of a
     * harness made with {@link #of}) skips both.
     */
    Interleaved settle(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("bench.settleMillis: must not be negative, was " + millis);
        }
        this.settleMillis = millis;
        return this;
    }

    /** A system property as a number, naming it when it is not one (Integer.getInteger would silently use the default). */
    private static double number(String property, String defaultValue) {
        String text = System.getProperty(property, defaultValue).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": not a number: '" + text + "'");
        }
    }

    /**
     * A whole-number system property from {@code min} to {@code max}, {@code defaultValue} when not set; refused,
     * named, when it is text or out of range ({@code Integer.getInteger} would silently run the default instead, and
     * the table would name a setting that was never used).
     */
    static int intProperty(String property, int defaultValue, int min, int max) {
        String text = System.getProperty(property);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": not a whole number: '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + ": must be " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /** A ratio {@code contender / reference} of {@code figure} whose precision decides when to stop. */
    Interleaved watch(String contender, String reference, String figure) {
        watched.add(new String[] {contender, reference, figure});
        return this;
    }

    /**
     * The order of the contenders in round {@code round} (0-based), from a Williams design: the first round is
     * 0, 1, n-1, 2, n-2, ... and each next round adds 1 to every position (mod n); with an odd number of contenders
     * the rounds n to 2n-1 run those orders backwards. Over one cycle ({@link #cycle} rounds) every contender runs
     * right after every other one equally often, and leads equally often.
     */
    static <T> List<T> order(List<T> contenders, int round) {
        int n = contenders.size();
        if (n < 2) {
            return List.copyOf(contenders);
        }
        int r = Math.floorMod(round, cycle(n));
        int[] first = new int[n];
        for (int i = 0, low = 1, high = n - 1; i < n; i++) {
            first[i] = i == 0 ? 0 : i % 2 == 1 ? low++ : high--;
        }
        List<T> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(contenders.get((first[i] + r) % n));
        }
        if (r >= n) { // only reached with an odd n: the mirror square
            Collections.reverse(order);
        }
        return order;
    }

    /** Rounds after which {@link #order} repeats: n for an even number of contenders, 2n for an odd one. */
    static int cycle(int contenders) {
        return contenders % 2 == 0 ? contenders : 2 * contenders;
    }

    /**
     * Runs {@code warmUpRounds} unrecorded rounds, then {@code rounds} recorded ones, printing each measurement to
     * {@code log}; a contender that throws stops the run (a failed write is not a slow write).
     */
    Results run(int warmUpRounds, int rounds, PrintStream log) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds: must be at least 1, was " + rounds);
        }
        List<String> names = new ArrayList<>(contenders.keySet());
        int most = Math.max(rounds, maxRounds);
        Map<String, double[][]> recorded = new LinkedHashMap<>();
        names.forEach(n -> recorded.put(n, new double[figures.size()][most]));
        long start = System.nanoTime();
        int done = 0;
        for (int round = -warmUpRounds; round < most; round++) {
            if (round >= rounds && precise(new Results(figures, recorded, done))
                    || round >= rounds && (System.nanoTime() - start) / 1e9 > budgetSeconds) {
                break;
            }
            for (String name : order(names, round)) {
                settle();
                double[] figs = contenders.get(name).run();
                if (figs.length != figures.size()) {
                    throw new IllegalStateException(name + " reported " + figs.length + " figures, expected " + figures);
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-9s %-58s",
                        round < 0 ? "warm-up" : "round " + (round + 1), name));
                for (int f = 0; f < figs.length; f++) {
                    line.append(String.format(Locale.ROOT, " %s %,10.0f", figures.get(f), figs[f]));
                    if (round >= 0) {
                        recorded.get(name)[f][round] = figs[f];
                    }
                }
                log.println(line);
            }
            if (round >= 0) {
                done = round + 1;
            }
        }
        return new Results(figures, recorded, done);
    }

    private void settle() throws InterruptedException {
        if (settleMillis > 0) {
            System.gc();
            Thread.sleep(settleMillis);
        }
    }

    private boolean precise(Results sofar) {
        for (String[] w : watched) {
            if (sofar.ratio(w[0], w[1], w[2]).margin() > precision) {
                return false;
            }
        }
        return true;
    }

    /** What a run recorded: every contender's figure of every round. */
    static final class Results {
        private final List<String> figures;
        private final Map<String, double[][]> recorded;
        private final int rounds;

        Results(List<String> figures, Map<String, double[][]> recorded, int rounds) {
            this.figures = figures;
            this.recorded = recorded;
            this.rounds = rounds;
        }

        /** How many rounds were recorded (warm-up rounds left out). */
        int rounds() {
            return rounds;
        }

        /** A contender's figure over the rounds. */
        Spread of(String contender, String figure) {
            return Spread.of(values(contender, figure));
        }

        /** Per-round ratio {@code contender / reference} of one figure, each taken within its round. */
        Spread ratio(String contender, String reference, String figure) {
            double[] a = values(contender, figure);
            double[] b = values(reference, figure);
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] / b[i];
            }
            return Spread.of(r);
        }

        /** Of the given contenders, the one whose median of this figure is highest. */
        String fastest(List<String> among, String figure) {
            String best = null;
            for (String c : among) {
                if (best == null || of(c, figure).median() > of(best, figure).median()) {
                    best = c;
                }
            }
            return best;
        }

        private double[] values(String contender, String figure) {
            double[][] byFigure = recorded.get(contender);
            int f = figures.indexOf(figure);
            if (byFigure == null || f < 0) {
                throw new IllegalArgumentException("no figure '" + figure + "' of '" + contender + "' was recorded; "
                        + "contenders " + recorded.keySet() + ", figures " + figures);
            }
            return Arrays.copyOf(byFigure[f], rounds);
        }
    }

    /**
     * The median of some samples with their quartiles and range. Quartiles are the medians of the lower and upper
     * halves (Tukey's hinges), which need no interpolation choice and are exact for the small counts used here.
     */
    record Spread(double median, double q1, double q3, double min, double max, int n) {
        static Spread of(double... samples) {
            if (samples.length == 0) {
                throw new IllegalArgumentException("samples: at least one is needed");
            }
            double[] s = samples.clone();
            Arrays.sort(s);
            int n = s.length;
            int half = n / 2;
            double q1 = n == 1 ? s[0] : median(s, 0, half);
            double q3 = n == 1 ? s[0] : median(s, n - half, n);
            return new Spread(median(s, 0, n), q1, q3, s[0], s[n - 1], n);
        }

        private static double median(double[] sorted, int from, int to) {
            int n = to - from;
            int mid = from + n / 2;
            return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /**
         * The 95% margin of the median, relative to it: 1.96 standard errors, the standard error of a median taken as
         * 1.2533 sigma / sqrt(n) with sigma estimated from the IQR (IQR / 1.349), which outlying rounds barely move.
         * Two runs whose margins are both m agree within about m * sqrt(2).
         */
        double margin() {
            if (n < 3 || median == 0) {
                return Double.POSITIVE_INFINITY;
            }
            return 1.96 * 1.2533 * ((q3 - q1) / 1.349) / Math.sqrt(n) / Math.abs(median);
        }

        /** E.g. {@code 0.971 ±2.1% (IQR 0.94-0.99, range 0.90-1.03, 9 rounds)}. */
        String ratio() {
            String m = Double.isInfinite(margin()) ? "" : String.format(Locale.ROOT, " ±%.1f%%", 100 * margin());
            return String.format(Locale.ROOT, "%.3f%s (IQR %.2f-%.2f, range %.2f-%.2f, %d rounds)", median, m, q1, q3,
                    min, max, n);
        }

        /** E.g. {@code 52,300/s (IQR 50,100-54,000)}. */
        String rate() {
            return String.format(Locale.ROOT, "%,.0f/s (IQR %,.0f-%,.0f)", median, q1, q3);
        }
    }
}
