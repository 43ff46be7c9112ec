package io.qiao.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateTimeDeserializer;
import com.sun.net.httpserver.HttpServer;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimits;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Jackyun client adds to one call: the same 50-warehouse page fetched N times through
 * {@link JackyunClient} (signing, interceptors, retry and usage plumbing, envelope check, binding to records) and
 * by hand with {@code java.net.http} against one local JDK HTTP server that answers every request with that page
 * (recorded once from the Jackyun simulator). Three hand-written references, each measured in the same run:
 * <ul>
 *   <li><b>bare bytes</b>: a POST of a pre-signed form of the same size; the body is not even parsed;</li>
 *   <li><b>bare + tree</b>: the same, then Jackson's {@code readTree} of the body;</li>
 *   <li><b>hand-written client</b>: what an integration without Qiao has to do for the same result: build the
 *       form with a fresh timestamp, sign it (MD5, as the gateway wants), POST it, and bind the page into typed
 *       records with a plain Jackson mapper (its own record types and date format, no Qiao code). This is the
 *       reference of the target, because it is the same work; the bare call does not decode the page at all.</li>
 * </ul>
 * Rounds alternate between the paths so that machine noise hits all alike; the best round of each is compared.
 * Target: Qiao adds under 15% per call.
 *
 * <pre>
 * java -cp ... io.qiao.bench.ClientOverheadBench [callsPerRound=3000] [rounds=6]
 * </pre>
 */
public final class ClientOverheadBench {
    private static final int PAGE = 50;
    private static final int WARM_UP_ROUNDS = 2;

    private ClientOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        // Without it the JDK server stalls ~44 ms per response (Nagle against delayed ACK): set before it starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
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
            JackyunClient client = JackyunClient.builder().endpoint(endpoint)
                    .credentials(JackyunCredentials.of("bench-appkey", Secret.of("bench-secret"))).rateLimits(RateLimits.none()).build();
            // A page shorter than pageSize is the last one: one request per list(), as a real last page.
            WarehouseQuery query = WarehouseQuery.builder().pageSize(PAGE + 1).build();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] form = ("method=erp.warehouse.get&appkey=bench-appkey&version=v1.0&contenttype=json&timestamp="
                    + "2024-05-01+12%3A00%3A00&bizcontent=%7B%22pageIndex%22%3A0%2C%22pageSize%22%3A51%7D&sign="
                    + "0123456789ABCDEF0123456789ABCDEF").getBytes(StandardCharsets.UTF_8);
            ObjectMapper mapper = new ObjectMapper();
            HandWritten handWritten = new HandWritten(http, endpoint, "bench-appkey", "bench-secret");

            System.out.printf(Locale.ROOT, "client overhead: %d-warehouse page (%,d bytes), %,d calls a round, %d rounds "
                    + "after %d warm-up rounds%n", PAGE, page.length, calls, rounds, WARM_UP_ROUNDS);
            long sink = 0;
            double bestQiao = Double.MAX_VALUE;
            double bestBare = Double.MAX_VALUE;
            double bestBareJson = Double.MAX_VALUE;
            double bestHand = Double.MAX_VALUE;
            for (int r = 0; r < WARM_UP_ROUNDS + rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    for (Warehouse w : client.warehouses().list(query)) {
                        sink += w.warehouseId();
                    }
                }
                double qiao = (System.nanoTime() - t0) / 1e3 / calls;
                t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    for (HandWritten.Row w : handWritten.warehouses(0, PAGE + 1)) {
                        sink += w.warehouseId();
                    }
                }
                double hand = (System.nanoTime() - t0) / 1e3 / calls;
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
                boolean warmUp = r < WARM_UP_ROUNDS;
                System.out.printf(Locale.ROOT, "  round %d%s: Qiao %.1f, hand-written client %.1f, bare bytes %.1f, "
                        + "bare+tree %.1f µs/call%n", r + 1, warmUp ? " (warm-up)" : "", qiao, hand, bare, bareJson);
                if (!warmUp) {
                    bestQiao = Math.min(bestQiao, qiao);
                    bestHand = Math.min(bestHand, hand);
                    bestBare = Math.min(bestBare, bare);
                    bestBareJson = Math.min(bestBareJson, bareJson);
                }
            }
            System.out.printf(Locale.ROOT, "  best: Qiao %.1f µs, hand-written client %.1f µs, bare bytes %.1f µs, bare+tree %.1f µs "
                    + "per call (checksum %d)%n", bestQiao, bestHand, bestBare, bestBareJson, sink);
            System.out.printf(Locale.ROOT, "  Qiao adds %.0f%% per call over the hand-written client doing the same work (target < 15%%); "
                    + "%.0f%% over bare bytes, %.0f%% over bare+tree%n", (bestQiao / bestHand - 1) * 100,
                    (bestQiao / bestBare - 1) * 100, (bestQiao / bestBareJson - 1) * 100);
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

    /**
     * The reference: a Jackyun warehouse call written by hand, the way an integration without an SDK does it:
     * its own records, a plain Jackson mapper, MD5 signing with a fresh timestamp, no retry, no rate limit, no
     * logging, no usage figures.
     */
    static final class HandWritten {
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

        record Envelope(String code, String subCode, String msg, Result result) {
        }

        record Result(Data data) {
        }

        record Data(List<Row> warehouseInfo) {
        }

        record Channel(Long warehouseId, Long channelId, String channelCode, String channelName) {
        }

        record Row(long warehouseId, String warehouseCode, String warehouseName, String warehouseTypeCode,
                   String warehouseTypeName, int isBlockup, Integer isDelete, Long warehouseCompanyId,
                   String warehouseCompanyCode, String warehouseCompanyName, Long warehouseDepartId,
                   String warehouseDepartCode, String warehouseDepartName, String address, String tel, String linkMan,
                   LocalDateTime gmtCreate, LocalDateTime gmtModified, List<Channel> salesList) {
        }

        private final HttpClient http;
        private final URI endpoint;
        private final String appKey;
        private final String secret;
        private final ObjectReader envelope;

        HandWritten(HttpClient http, URI endpoint, String appKey, String secret) {
            this.http = http;
            this.endpoint = endpoint;
            this.appKey = appKey;
            this.secret = secret;
            SimpleModule dates = new SimpleModule().addDeserializer(LocalDateTime.class,
                    new LocalDateTimeDeserializer(DATE_TIME));
            this.envelope = JsonMapper.builder().addModule(new JavaTimeModule()).addModule(dates)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readerFor(Envelope.class);
        }

        List<Row> warehouses(int pageIndex, int pageSize) throws Exception {
            Map<String, String> params = new TreeMap<>();
            params.put("method", "erp.warehouse.get");
            params.put("appkey", appKey);
            params.put("version", "v1.0");
            params.put("contenttype", "json");
            params.put("timestamp", DATE_TIME.format(LocalDateTime.now(SHANGHAI)));
            params.put("bizcontent", "{\"pageIndex\":" + pageIndex + ",\"pageSize\":" + pageSize + "}");
            StringBuilder signed = new StringBuilder(secret);
            params.forEach((k, v) -> signed.append(k).append(v));
            signed.append(secret);
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest(signed.toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            params.put("sign", HexFormat.of().formatHex(md5));
            StringBuilder form = new StringBuilder();
            params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Envelope e = envelope.readValue(response.body());
            if (response.statusCode() != 200 || !("0".equals(e.code()) || "200".equals(e.code()))) {
                throw new IllegalStateException("Jackyun error " + e.code() + "/" + e.subCode() + ": " + e.msg());
            }
            return e.result().data().warehouseInfo();
        }
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
            JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint())
                    .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))).transport(recording).retry(RetryOptions.disabled()).build();
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
