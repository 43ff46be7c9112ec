package io.qiao.proof;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.StockQuantityQuery;
import io.qiao.jackyun.model.TradeQuery;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Real conversations of the four clients with their simulators, recorded once: for each operation, the answers the
 * client received in order. The fuzz tests replay them through a stub transport with one answer mutated, so every
 * decoder (tokens, envelopes, pages, records) meets broken input in the exact place a real answer would be.
 */
final class Conversations {
    /** At most this many records are read per call, so a mutated "more pages" signal cannot make a run endless. */
    static final int MAX_ITEMS = 400;

    /** One client operation: given a transport, build the client and call it. */
    record Operation(String name, Function<HttpTransport, Runnable> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An operation with the answers it got from the simulator. */
    record Recorded(Operation operation, List<Response> answers) {
        @Override
        public String toString() {
            return operation.name() + " (" + answers.size() + " answers)";
        }
    }

    private static volatile List<Recorded> recorded;

    private Conversations() {
    }

    /** Every operation with its recorded answers; recorded on first use (a few seconds), then kept. */
    static synchronized List<Recorded> all() {
        if (recorded == null) {
            List<Recorded> list = new ArrayList<>();
            recordJackyun(list);
            recordJushuitan(list);
            recordKis(list);
            recordArchive(list);
            recorded = Collections.unmodifiableList(list);
        }
        return recorded;
    }

    static RetryOptions noRetry() {
        return RetryOptions.disabled();
    }

    private static void recordJackyun(List<Recorded> out) {
        try (JackyunSimulator sim = JackyunSimulator.builder().dataSet(JackyunDataSet.builder().warehouses(45)
                .stockQuantities(60).stockDocuments(30).trades(30).build()).build().start()) {
            var endpoint = sim.endpoint();
            var appKey = sim.appKey();
            var appSecret = sim.appSecret();
            Function<HttpTransport, JackyunClient> client = t -> JackyunClient.builder().endpoint(endpoint)
                    .appKey(appKey).appSecret(Secret.of(appSecret)).transport(t).retry(noRetry())
                    .rateLimits(RateLimits.none()).build();
            LocalDateTime may = LocalDateTime.of(2024, 5, 1, 0, 0);
            record(out, new Operation("jackyun warehouses", t -> () -> drain(client.apply(t).warehouses()
                    .list(WarehouseQuery.builder().pageSize(20).build()))));
            record(out, new Operation("jackyun stock quantities", t -> () -> drain(client.apply(t).stockQuantities()
                    .list(StockQuantityQuery.builder().pageSize(25).build()))));
            record(out, new Operation("jackyun inbound documents", t -> () -> drain(client.apply(t).stockDocuments()
                    .inbound(StockDocumentQuery.builder().modifiedFrom(may).modifiedTo(may.plusDays(7)).pageSize(5)
                            .build()))));
            record(out, new Operation("jackyun trades", t -> () -> drain(client.apply(t).trades()
                    .list(TradeQuery.builder().modifiedFrom(may).modifiedTo(may.plusDays(7)).pageSize(5).build()))));
            record(out, new Operation("jackyun call", t -> () -> client.apply(t)
                    .call("erp.warehouse.get", Map.of("pageIndex", 0, "pageSize", 10), true)));
        }
    }

    private static void recordJushuitan(List<Recorded> out) {
        try (JushuitanSimulator sim = JushuitanSimulator.builder().documents(80).limitsEnforced(false).build().start()) {
            var endpoint = sim.endpoint();
            var appKey = sim.appKey();
            var appSecret = sim.appSecret();
            Function<HttpTransport, JushuitanClient> client = t -> JushuitanClient.builder().endpoint(endpoint)
                    .appKey(appKey).appSecret(Secret.of(appSecret)).transport(t).retry(noRetry())
                    .rateLimits(RateLimits.none()).build();
            var start = sim.dataSet().start().atZone(Json.SHANGHAI).toInstant();
            record(out, new Operation("jushuitan other in/out (token + pages)", t -> () -> drain(client.apply(t)
                    .otherInOuts().list(OtherInOutQuery.builder().modifiedBetween(start, start.plus(Duration.ofDays(6))).pageSize(10)
                            .build()))));
            record(out, new Operation("jushuitan warehouses", t -> () -> drain(client.apply(t).warehouses().list())));
        }
    }

    private static void recordKis(List<Recorded> out) {
        try (KisSimulator sim = KisSimulator.builder().start()) {
            for (int i = 1; i <= 12; i++) {
                sim.addMaterial("SKU-" + i, "物料" + i, "PCS");
            }
            KisSimulatorCredentials c = sim.credentials();
            KisGatewayCredentials credentials = KisGatewayCredentials.of(c.clientId(), Secret.of(c.clientSecret()),
                    c.appKey(), Secret.of(c.appSecret()), c.routerAddress());
            var endpoint = sim.endpoint();
            var clock = sim.clock();
            Function<HttpTransport, KisClient> client = t -> KisClient.builder().endpoint(endpoint)
                    .gatewayCredentials(credentials).transport(t).retry(noRetry()).rateLimits(RateLimits.none())
                    .clock(clock).build();
            record(out, new Operation("kis materials (token + pages)", t -> () -> drain(client.apply(t).materials()
                    .list(MaterialQuery.all()))));
            record(out, new Operation("kis create receipt (lookup + create)", t -> () -> client.apply(t)
                    .miscellaneousReceipts().createIfAbsent(MiscellaneousReceipt.builder().billNo("FUZZ-" + 1)
                            .date(LocalDate.of(2024, 5, 2)).warehouseId("001").note("fuzz")
                            .entry(MiscellaneousReceiptEntry.builder().itemId("SKU-1").unitId("PCS").qty(2).build())
                            .build())));
            record(out, new Operation("kis receipts", t -> () -> drain(client.apply(t).miscellaneousReceipts()
                    .list(MiscellaneousReceiptQuery.all()))));
        }
    }

    private static void recordArchive(List<Recorded> out) {
        try (ArchiveSimulator sim = new ArchiveSimulator().start()) {
            for (int i = 1; i <= 7; i++) {
                sim.seedRecord(Map.of("archiveNo", "F-" + i, "docDate", "2024-03-0" + i, "title", "题名" + i));
            }
            var endpoint = sim.endpoint();
            var appKey = sim.appKey();
            var appSecret = sim.appSecret();
            Function<HttpTransport, ArchiveClient> client = t -> ArchiveClient.builder().endpoint(endpoint)
                    .appKey(appKey).appSecret(Secret.of(appSecret)).transport(t).retry(noRetry())
                    .rateLimits(RateLimits.none()).build();
            record(out, new Operation("archive query (token + pages)", t -> () -> drain(client.apply(t).archives()
                    .list(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)).toBuilder()
                            .pageSize(3).build()))));
            record(out, new Operation("archive find by archiveNo", t -> () -> client.apply(t).archives()
                    .findByArchiveNo("F-3", LocalDate.of(2024, 3, 3))));
        }
    }

    private static void record(List<Recorded> out, Operation operation) {
        HttpTransport jdk = JdkHttpTransport.create();
        List<Response> answers = Collections.synchronizedList(new ArrayList<>());
        operation.call().apply(request -> {
            Response r = jdk.send(request);
            answers.add(r);
            return r;
        }).run();
        if (answers.isEmpty()) {
            throw new IllegalStateException(operation.name() + " sent no request");
        }
        out.add(new Recorded(operation, List.copyOf(answers)));
    }

    static void drain(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            if (++n >= MAX_ITEMS) {
                return;
            }
        }
    }

    static Map<String, Integer> answerCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        all().forEach(r -> m.put(r.operation().name(), r.answers().size()));
        return m;
    }
}
