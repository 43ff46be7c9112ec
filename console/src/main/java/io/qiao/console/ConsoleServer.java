package io.qiao.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link QiaoConsole} with the JDK's HTTP server ({@code com.sun.net.httpserver}): no server framework.
 * Binds to 127.0.0.1 unless given another address; requests are handled on a small pool of threads.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Larger bodies are refused: a replay of selected ids is a few kilobytes. */
    static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private ConsoleServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code console} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static ConsoleServer start(QiaoConsole console, int port) throws IOException {
        return start(console, new InetSocketAddress("127.0.0.1", port));
    }

    /** Starts serving {@code console} on {@code address}. */
    public static ConsoleServer start(QiaoConsole console, InetSocketAddress address) throws IOException {
        Objects.requireNonNull(console, "console");
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "qiao-console");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(console, exchange));
        server.start();
        return new ConsoleServer(server, executor);
    }

    private static void handle(QiaoConsole console, HttpExchange exchange) throws IOException {
        try (exchange) {
            ConsoleResponse response;
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                response = ConsoleResponse.json(413, "{\"error\":\"the request body is larger than 1 MB\"}");
            } else {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
                URI uri = exchange.getRequestURI();
                response = console.handle(new ConsoleRequest(exchange.getRequestMethod(), uri.getPath(),
                        query(uri.getRawQuery()), headers, body));
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] bytes = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), head ? -1 : bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    /** The address served, with the port actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The console's URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = address();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "ConsoleServer[" + uri() + "]";
    }
}
