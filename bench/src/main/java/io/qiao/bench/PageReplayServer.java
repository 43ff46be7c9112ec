package io.qiao.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean stand-in for a remote gateway: a JDK HTTP server that answers each request with the page the simulator
 * gave for the same call, kept in memory. A request it has not seen (the first pass) is forwarded to the simulator,
 * which checks the signature and builds the page; every later identical call (same form except {@code timestamp}
 * and {@code sign}) is answered from memory.
 *
 * <p>Why: the WireMock simulator spends as much CPU building a page as the client spends reading it, on the same two
 * cores as the client and the database, which a real vendor's servers would not. A pipeline measured against this
 * server pays for HTTP and for decoding every page, as against a remote gateway, but not for making the pages.
 */
final class PageReplayServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI upstream;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private PageReplayServer(URI upstream) throws IOException {
        this.upstream = upstream;
        // Without it the JDK server stalls ~40 ms per response (Nagle against delayed ACK); read when it starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts a replay server in front of {@code upstream} (the simulator's endpoint). */
    static PageReplayServer start(URI upstream) throws IOException {
        PageReplayServer s = new PageReplayServer(upstream);
        s.server.start();
        return s;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + upstream.getPath());
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    long bytesHeld() {
        return pages.values().stream().mapToLong(b -> b.length).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] form = exchange.getRequestBody().readAllBytes();
            String key = key(new String(form, StandardCharsets.UTF_8));
            byte[] page = pages.get(key);
            if (page != null) {
                hits.incrementAndGet();
            } else {
                HttpResponse<byte[]> answer = forward(exchange, form);
                page = answer.body();
                if (answer.statusCode() != 200) {
                    // errors are passed on, never remembered
                    reply(exchange, answer.statusCode(), page);
                    return;
                }
                misses.incrementAndGet();
                pages.put(key, page);
            }
            reply(exchange, 200, page);
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] form) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(upstream)
                .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The call's identity: its decoded form fields, sorted, without the per-attempt timestamp and sign. */
    static String key(String form) {
        Map<String, String> fields = new TreeMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.equals("timestamp") && !name.equals("sign")) {
                fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
