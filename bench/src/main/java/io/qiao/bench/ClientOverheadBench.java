package io.qiao.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimits;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.WarehouseQuery;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Jackyun client adds to one call: the same 50-warehouse page fetched N times through
 * {@link JackyunClient} (signing, interceptors, retry and usage plumbing, envelope check, binding to records) and
 * through a bare {@code java.net.http} POST of a form of the same size, against one local JDK HTTP server that
 * answers every request with that page (recorded once from the Jackyun simulator). Rounds alternate between the
 * two so that machine noise hits both alike; the best round of each is compared. Target: Qiao adds under 15%.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -cp ... io.qiao.bench.ClientOverheadBench [callsPerRound=5000] [rounds=5]
 * </pre>
 */
public final class ClientOverheadBench {
    private static final int PAGE = 50;

    private ClientOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        // Without it the JDK server stalls ~44 ms per response (Nagle against delayed ACK): set before it starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] page = recordPage();

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + JackyunSimulator.PATH);
            JackyunClient client = JackyunClient.builder().endpoint(endpoint).appKey("bench-appkey")
                    .appSecret(Secret.of("bench-secret")).rateLimits(RateLimits.none()).build();
            // A page shorter than pageSize is the last one: one request per list(), as a real last page.
            WarehouseQuery query = WarehouseQuery.builder().pageSize(PAGE + 1).build();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] form = ("method=erp.warehouse.get&appkey=bench-appkey&version=v1.0&contenttype=json&timestamp="
                    + "2024-05-01+12%3A00%3A00&bizcontent=%7B%22pageIndex%22%3A0%2C%22pageSize%22%3A51%7D&sign="
                    + "0123456789ABCDEF0123456789ABCDEF").getBytes(StandardCharsets.UTF_8);
            ObjectMapper mapper = new ObjectMapper();

            System.out.printf(Locale.ROOT, "client overhead: %d-warehouse page (%,d bytes), %,d calls a round, %d rounds%n",
                    PAGE, page.length, calls, rounds);
            long sink = 0;
            double bestQiao = Double.MAX_VALUE;
            double bestBare = Double.MAX_VALUE;
            double bestBareJson = Double.MAX_VALUE;
            for (int r = 0; r <= rounds; r++) {           // round 0 warms up
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    for (Warehouse w : client.warehouses().list(query)) {
                        sink += w.warehouseId();
                    }
                }
                double qiao = (System.nanoTime() - t0) / 1e3 / calls;
                t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += bare(http, endpoint, form).length;
                }
                double bare = (System.nanoTime() - t0) / 1e3 / calls;
                t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += mapper.readTree(bare(http, endpoint, form)).path("result").path("data")
                            .path("warehouseInfo").size();
                }
                double bareJson = (System.nanoTime() - t0) / 1e3 / calls;
                System.out.printf(Locale.ROOT, "  round %d%s: Qiao %.1f µs/call, bare %.1f µs/call, bare+Jackson tree %.1f µs/call%n",
                        r, r == 0 ? " (warm-up)" : "", qiao, bare, bareJson);
                if (r > 0) {
                    bestQiao = Math.min(bestQiao, qiao);
                    bestBare = Math.min(bestBare, bare);
                    bestBareJson = Math.min(bestBareJson, bareJson);
                }
            }
            System.out.printf(Locale.ROOT, "  best: Qiao %.1f µs, bare %.1f µs, bare+Jackson %.1f µs per call%n",
                    bestQiao, bestBare, bestBareJson);
            System.out.printf(Locale.ROOT, "  Qiao adds %.0f%% per call over the bare HTTP call (target < 15%%), %.0f%% over bare HTTP + "
                    + "Jackson tree (checksum %d)%n", (bestQiao / bestBare - 1) * 100, (bestQiao / bestBareJson - 1) * 100, sink);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static byte[] bare(HttpClient http, URI endpoint, byte[] form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The first page of 50 warehouses exactly as the simulator serves it. */
    private static byte[] recordPage() {
        AtomicReference<byte[]> body = new AtomicReference<>();
        try (JackyunSimulator sim = JackyunSimulator.builder()
                .dataSet(JackyunDataSet.builder().warehouses(PAGE).build()).build().start()) {
            HttpTransport jdk = JdkHttpTransport.create();
            HttpTransport recording = request -> {
                Response r = jdk.send(request);
                body.compareAndSet(null, r.body());
                return r;
            };
            JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret())).transport(recording).retry(RetryOptions.disabled()).build();
            int n = 0;
            for (Warehouse ignored : client.warehouses().list(WarehouseQuery.builder().pageSize(PAGE + 1).build())) {
                n++;
            }
            if (n != PAGE) {
                throw new IllegalStateException("expected " + PAGE + " warehouses, read " + n);
            }
        }
        return body.get();
    }
}
