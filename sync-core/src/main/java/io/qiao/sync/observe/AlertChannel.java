package io.qiao.sync.observe;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Where {@link WebhookAlerter} posts an alert and in which shape: a DingTalk robot ({@link DingTalkChannel}), a WeCom
 * robot ({@link WeComChannel}) or the host's own JSON endpoint ({@link JsonChannel}).
 */
interface AlertChannel {

    /** The webhook as configured (for logs: only its host is ever shown). */
    URI webhook();

    /** The URL to post {@code alert} to: the webhook, signed by channels that sign. */
    default URI target(Alert alert) {
        return webhook();
    }

    /** The JSON request body for {@code alert}, whose message is already scrubbed; {@code scrubber} for other text. */
    String body(Alert alert, AlertScrubber scrubber);

    /** The channel's own secret values (signing secret, webhook token), which no message may contain. */
    List<String> secrets();
}
