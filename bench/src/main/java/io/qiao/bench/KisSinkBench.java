package io.qiao.bench;

import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisCredentials;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.sync.KisSinks;
import io.qiao.kis.sync.MiscellaneousReceiptSink;
import io.qiao.sync.WriteResult;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * API calls per bill and bills per minute of the KIS 其他入库单 sink against the KIS simulator with its rate limit
 * enforced (a token bucket of one second's worth, HTTP 429 when empty) and a simulated latency, the client keeping to
 * that limit, evenly spaced. After a warm-up of 20 bills (another day; the token is fetched then), prints calls/bill
 * (target at most 1.1: one create per bill plus one list query per batch), bills/min against the limit in calls/min
 * (target at least 90%), and how many requests the simulator throttled (target 0). A second run writes the same
 * bills again: every bill exists, so it costs list pages only and creates nothing.
 *
 * <p>All bills are dated the same day, the costly case for the batch query: batch k pages through the k·batch bills
 * that earlier batches stored on that day, 100 a page.
 *
 * <pre>
 * java -cp ... io.qiao.bench.KisSinkBench [bills=360] [batch=100] [limitPerSecond=10] [latencyMillis=20]
 * </pre>
 *
 * Prints issue 22's target 4 as two {@link BenchTarget} lines: {@code 22.4} (calls/bill) and {@code 22.4b}
 * (bills/min as a share of the limit).
 */
// run-all [22.4,22.4b]: io.qiao.bench.KisSinkBench 360 100 10 20
public final class KisSinkBench {
    private KisSinkBench() {
    }

    public static void main(String[] args) {
        int bills = args.length > 0 ? Integer.parseInt(args[0]) : 360;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long latencyMillis = args.length > 3 ? Long.parseLong(args[3]) : 20;
        try (KisSimulator sim = KisSimulator.builder().rateLimit(limit).latency(Duration.ofMillis(latencyMillis))
                .start()) {
            sim.addMaterial("1.01.001", "商品A", "PCS");
            KisSimulatorCredentials c = sim.credentials();
            KisClient kis = KisClient.builder().endpoint(sim.endpoint())
                    .credentials(KisCredentials.gateway(c.clientId(), Secret.of(c.clientSecret()), c.appKey(),
                            Secret.of(c.appSecret()), c.routerAddress()))
                    .rateLimits(RateLimits.of(RateLimit.perSecond(limit))).build();
            List<MiscellaneousReceipt> all = bills(bills, LocalDate.of(2024, 5, 2));
            MiscellaneousReceiptSink<MiscellaneousReceipt> sink = KisSinks.miscellaneousReceipts(kis);
            write(sink, bills(20, LocalDate.of(2024, 5, 1)), batch); // warm-up: JIT, connections, the token
            int calls0 = calls(sim);
            int lists0 = sim.calls(KisOperation.LIST_RECEIPTS);
            int creates0 = sim.calls(KisOperation.CREATE_RECEIPT);
            int throttled0 = sim.throttledCalls();

            long start = System.nanoTime();
            int created = write(sink, all, batch)[0];
            double seconds = (System.nanoTime() - start) / 1e9;
            int calls = calls(sim) - calls0;
            int lists = sim.calls(KisOperation.LIST_RECEIPTS) - lists0;
            int creates = sim.calls(KisOperation.CREATE_RECEIPT) - creates0;
            int throttled = sim.throttledCalls() - throttled0;

            int[] again = write(KisSinks.miscellaneousReceipts(kis), all, batch);
            int rerunCalls = calls(sim) - calls - calls0;

            double billsPerMinute = created / seconds * 60;
            int limitPerMinute = limit * 60;
            System.out.printf(Locale.ROOT, "KIS sink, %d bills in batches of %d, limit %d/s, latency %d ms%n",
                    bills, batch, limit, latencyMillis);
            System.out.printf(Locale.ROOT, "clean run: %d created, %d calls (%d list, %d create) = %.3f calls/bill"
                    + " (target <= 1.1)%n", created, calls, lists, creates, (double) calls / created);
            System.out.printf(Locale.ROOT, "           %.1f s, %.0f bills/min vs limit %d calls/min = %.1f%% (target >= 90%%),"
                    + " %d throttled%n", seconds, billsPerMinute, limitPerMinute, 100 * billsPerMinute / limitPerMinute, throttled);
            System.out.printf(Locale.ROOT, "rerun (every bill exists): %d created, %d already present, %d calls for %d batches%n",
                    again[0], again[1], rerunCalls, (bills + batch - 1) / batch);
            String command = BenchTarget.command("", KisSinkBench.class, String.valueOf(bills), String.valueOf(batch),
                    String.valueOf(limit), String.valueOf(latencyMillis));
            double callsPerBill = (double) calls / created;
            double share = 100 * billsPerMinute / limitPerMinute;
            String run = String.format(Locale.ROOT, "%,d bills, batches of %d, limit %d/s, latency %d ms, %d throttled",
                    bills, batch, limit, latencyMillis, throttled);
            BenchTarget.measured("22.4", "KIS: API calls per bill created, clean run",
                    String.format(Locale.ROOT, "%d calls (%d list, %d create) for %d bills created (%s)", calls, lists,
                            creates, created, run),
                    String.format(Locale.ROOT, "%.3f calls/bill", callsPerBill), "<= 1.1",
                    created > 0 && callsPerBill <= 1.1, command).print();
            BenchTarget.measured("22.4b", "KIS: bills per minute vs the rate limit, clean run",
                    String.format(Locale.ROOT, "%.0f bills/min vs limit %d calls/min in %.1f s (%s)", billsPerMinute,
                            limitPerMinute, seconds, run),
                    String.format(Locale.ROOT, "%.1f%%", share), ">= 90%", share >= 90, command).print();
            kis.close();
        }
    }

    /** Writes the bills batch by batch; returns {created, already present}. */
    private static int[] write(MiscellaneousReceiptSink<MiscellaneousReceipt> sink, List<MiscellaneousReceipt> bills,
                               int batch) {
        int[] out = new int[2];
        for (int i = 0; i < bills.size(); i += batch) {
            WriteResult<MiscellaneousReceipt> r = sink.write(bills.subList(i, Math.min(bills.size(), i + batch)));
            if (!r.rejected().isEmpty()) {
                throw new IllegalStateException("bills rejected: " + r.rejected());
            }
            out[0] += r.created();
            out[1] += r.alreadyPresent();
        }
        return out;
    }

    private static int calls(KisSimulator sim) {
        return Arrays.stream(KisOperation.values()).mapToInt(sim::calls).sum();
    }

    private static List<MiscellaneousReceipt> bills(int count, LocalDate day) {
        List<MiscellaneousReceipt> all = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            all.add(MiscellaneousReceipt.builder().billNo(String.format("BENCH-%s-%06d", day, i)).date(day.atTime(8, 0).plusSeconds(i))
                    .warehouseId("001").note("bench").entry(MiscellaneousReceiptEntry.builder().itemId("1").unitId("PCS")
                            .qty(1 + i % 7).build()).build());
        }
        return all;
    }
}
