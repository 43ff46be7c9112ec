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
 * every round runs each contender once, the order rotated from one round to the next (no contender always runs
 * first, on a colder server, or last, after the others' garbage), and each ratio is taken within a round, between
 * measurements seconds apart. The reported figure is the median of the per-round ratios with its spread, not a
 * best-of: a best-of compares two maxima of noisy samples and moved by ±15% between runs (issue 22).
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

    /** The order of the contenders in round {@code round} (0-based): the list rotated by the round number. */
    static <T> List<T> order(List<T> contenders, int round) {
        List<T> order = new ArrayList<>(contenders);
        Collections.rotate(order, -(round % Math.max(1, order.size())));
        return order;
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
        Map<String, double[][]> recorded = new LinkedHashMap<>();
        names.forEach(n -> recorded.put(n, new double[figures.size()][rounds]));
        for (int round = -warmUpRounds; round < rounds; round++) {
            for (String name : order(names, Math.floorMod(round, Math.max(1, names.size())))) {
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
        }
        return new Results(figures, recorded);
    }

    /** What a run recorded: every contender's figure of every round. */
    static final class Results {
        private final List<String> figures;
        private final Map<String, double[][]> recorded;

        Results(List<String> figures, Map<String, double[][]> recorded) {
            this.figures = figures;
            this.recorded = recorded;
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
            return byFigure[f].clone();
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

        /** E.g. {@code 0.97 (IQR 0.94-0.99, range 0.90-1.03, 9 rounds)}. */
        String ratio() {
            return String.format(Locale.ROOT, "%.2f (IQR %.2f-%.2f, range %.2f-%.2f, %d rounds)", median, q1, q3, min,
                    max, n);
        }

        /** E.g. {@code 52,300/s (IQR 50,100-54,000)}. */
        String rate() {
            return String.format(Locale.ROOT, "%,.0f/s (IQR %,.0f-%,.0f)", median, q1, q3);
        }
    }
}
