package io.qiao.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the console answers: status, content type, extra headers and the body, for any server to send.
 */
public record ConsoleResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public ConsoleResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    static ConsoleResponse json(int status, String json) {
        return new ConsoleResponse(status, "application/json; charset=utf-8", Map.of("Cache-Control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text (for JSON and HTML). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ConsoleResponse[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
}
