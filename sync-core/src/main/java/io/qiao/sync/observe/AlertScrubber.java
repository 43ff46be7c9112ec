package io.qiao.sync.observe;

import io.qiao.client.Redactor;
import io.qiao.sync.jdbc.JdbcUrls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks secrets in alert text before it leaves the process: what the default {@link Redactor} recognises by name
 * ({@code app_secret=...}, tokens), passwords in JDBC URLs, and the channel's own secrets (the robot's signing secret,
 * the values in its webhook's query such as {@code access_token} or {@code key}), which an error message may echo.
 */
final class AlertScrubber {
    private final Redactor redactor = Redactor.defaults();
    private final List<String> secrets;

    /** @param secrets the exact values to mask wherever they occur */
    AlertScrubber(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** The values of {@code webhook}'s query parameters ({@code access_token}, {@code key}): robot credentials. */
    static List<String> queryValues(URI webhook) {
        List<String> values = new ArrayList<>();
        String query = webhook.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0 && eq < part.length() - 1) {
                    values.add(part.substring(eq + 1));
                }
            }
        }
        return values;
    }

    /** {@code text} with every secret masked; null stays null. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = JdbcUrls.redactIn(redactor.text(text));
        for (String secret : secrets) {
            out = out.replace(secret, Redactor.MASK);
        }
        return out;
    }
}
