package io.qiao.spring.boot;

import io.qiao.console.ConsoleRequest;
import io.qiao.console.ConsoleResponse;
import io.qiao.console.QiaoConsole;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Serves a {@link QiaoConsole} from the application's servlet container, mapped to {@code <path>/*}: the path below
 * the mapping becomes the {@link ConsoleRequest}'s, and {@code <path>} itself redirects to {@code <path>/} because
 * the pages use relative URLs. The container's filters (the application's security) run before it.
 */
final class QiaoConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** As {@code ConsoleServer}: the console's largest request body (a replay of many ids) is far smaller. */
    static final int MAX_BODY = 1024 * 1024;

    private final transient QiaoConsole console;
    private final transient HostAuthentication authentication;

    QiaoConsoleServlet(QiaoConsole console, HostAuthentication authentication) {
        this.console = Objects.requireNonNull(console, "console");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.isEmpty()) {
            String query = req.getQueryString();
            resp.sendRedirect(req.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        ConsoleResponse answer;
        if (body.length > MAX_BODY) {
            answer = new ConsoleResponse(413, "application/json; charset=utf-8", Map.of(),
                    "{\"error\":\"the request body is larger than 1 MB\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            Map<String, String> headers = new HashMap<>();
            for (String name : Collections.list(req.getHeaderNames())) {
                String value = req.getHeader(name);
                headers.put(name, value == null ? "" : value);
            }
            ConsoleRequest request = new ConsoleRequest(req.getMethod(), path, query(req.getQueryString()), headers, body);
            answer = authentication.handle(req.getUserPrincipal() != null, () -> console.handle(request));
        }
        resp.setStatus(answer.status());
        answer.headers().forEach(resp::setHeader);
        resp.setContentType(answer.contentType());
        byte[] bytes = answer.body();
        resp.setContentLength(bytes.length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(bytes);
        }
    }

    /** The decoded query parameters, the first value of each (read from the query string only, never the body). */
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

    /**
     * The console's authorizer: a write is allowed when the servlet container has an authenticated user for the
     * request being handled (the application's security ran before the servlet). The console calls it on the
     * thread that handles the request, which is how the servlet's knowledge reaches it without a header a client
     * could forge.
     */
    static final class HostAuthentication implements Predicate<ConsoleRequest> {
        private final ThreadLocal<Boolean> authenticated = new ThreadLocal<>();

        ConsoleResponse handle(boolean isAuthenticated, java.util.function.Supplier<ConsoleResponse> handler) {
            authenticated.set(isAuthenticated);
            try {
                return handler.get();
            } finally {
                authenticated.remove();
            }
        }

        @Override
        public boolean test(ConsoleRequest request) {
            return Boolean.TRUE.equals(authenticated.get());
        }

        @Override
        public String toString() {
            return "HostAuthentication[the servlet container's user principal]";
        }
    }
}
