package io.qiao.sync.observe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 钉钉 DingTalk group robot: a text message, {@code isAtAll} to mention everyone, and, for a robot with 加签
 * security, the request URL signed with the robot's secret.
 */
final class DingTalkChannel implements AlertChannel {
    private final URI webhook;
    private final Secret secret;
    private final boolean mentionAll;

    /** @param secret the 加签 secret (SEC...), or null for a robot without it */
    DingTalkChannel(URI webhook, Secret secret, boolean mentionAll) {
        this.webhook = webhook;
        this.secret = secret;
        this.mentionAll = mentionAll;
    }

    @Override
    public URI webhook() {
        return webhook;
    }

    @Override
    public URI target(Alert alert) {
        return secret == null ? webhook : signed(alert.at());
    }

    @Override
    public String body(Alert alert, AlertScrubber scrubber) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("msgtype", "text");
        n.putObject("text").put("content", alert.message());
        if (mentionAll) {
            n.putObject("at").put("isAtAll", true);
        }
        return n.toString();
    }

    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(AlertScrubber.queryValues(webhook));
        if (secret != null) {
            secrets.add(secret.reveal());
        }
        return secrets;
    }

    /**
     * DingTalk 加签: {@code timestamp} (epoch milliseconds of {@code now}) and {@code sign} = URL-encoded
     * Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), appended to the webhook's query. The robot
     * refuses a timestamp more than an hour off its own clock.
     */
    URI signed(Instant now) {
        String timestamp = Long.toString(now.toEpochMilli());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
            String sign = URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
            String sep = webhook.getRawQuery() == null ? "?" : "&";
            return URI.create(webhook + sep + "timestamp=" + timestamp + "&sign=" + sign);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
