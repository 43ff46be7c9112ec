package io.qiao.sync.observe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A 企业微信 WeCom group robot: a text message of at most 2048 bytes (the robot refuses longer ones), and
 * {@code mentioned_list: ["@all"]} to mention everyone.
 */
final class WeComChannel implements AlertChannel {
    /** The robot's limit on a text message's content, in UTF-8 bytes. */
    static final int MAX_CONTENT_BYTES = 2048;

    private final URI webhook;
    private final boolean mentionAll;

    WeComChannel(URI webhook, boolean mentionAll) {
        this.webhook = webhook;
        this.mentionAll = mentionAll;
    }

    @Override
    public URI webhook() {
        return webhook;
    }

    @Override
    public String body(Alert alert, AlertScrubber scrubber) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("msgtype", "text");
        ObjectNode text = n.putObject("text");
        text.put("content", limitBytes(alert.message(), MAX_CONTENT_BYTES));
        if (mentionAll) {
            text.putArray("mentioned_list").add("@all");
        }
        return n.toString();
    }

    @Override
    public List<String> secrets() {
        return AlertScrubber.queryValues(webhook);
    }

    /** {@code s} cut to at most {@code maxBytes} UTF-8 bytes, ending in "..." when cut, never in half a character. */
    static String limitBytes(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        String cut = new String(b, 0, maxBytes - 3, StandardCharsets.UTF_8);
        // drop a character cut in half
        if (cut.endsWith("\uFFFD")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
