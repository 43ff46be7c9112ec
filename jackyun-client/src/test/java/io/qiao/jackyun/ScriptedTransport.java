package io.qiao.jackyun;

import io.qiao.client.HttpTransport;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A transport that records the forms sent and answers from a function: fast, deterministic unit tests. */
final class ScriptedTransport implements HttpTransport {
    record Answer(int status, String body) {
    }

    private final Function<Map<String, String>, Answer> answer;
    final List<Map<String, String>> sent = new ArrayList<>();

    private ScriptedTransport(Function<Map<String, String>, Answer> answer) {
        this.answer = answer;
    }

    static ScriptedTransport answering(Function<Map<String, String>, String> body) {
        return new ScriptedTransport(form -> new Answer(200, body.apply(form)));
    }

    static ScriptedTransport always(String body) {
        return answering(form -> body);
    }

    static ScriptedTransport withStatus(Function<Map<String, String>, Answer> answer) {
        return new ScriptedTransport(answer);
    }

    @Override
    public synchronized Response send(Request request) {
        Map<String, String> form = parse(request.body().text().orElseThrow());
        sent.add(form);
        Answer r = answer.apply(form);
        return new Response(request, r.status(), Map.of("Content-Type", List.of("application/json")),
                r.body().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
