package io.qiao.sync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeComChannelTest {
    private static final URI WEBHOOK = URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123");
    private final ObjectMapper mapper = new ObjectMapper();

    private static Alert alert(String message) {
        return new Alert(WebhookAlerter.Kind.DEAD_LETTERS, "orders", message, null, Instant.EPOCH);
    }

    @Test
    void longMessage_isCutTo2048Bytes_neverInHalfACharacter() throws Exception {
        String message = "死信".repeat(2000);

        JsonNode body = mapper.readTree(new WeComChannel(WEBHOOK, false).body(alert(message), new AlertScrubber(List.of())));

        String content = body.get("text").get("content").asText();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(content).endsWith("...").doesNotContain("\uFFFD");
        assertThat(message).startsWith(content.substring(0, content.length() - 3));
    }

    @Test
    void mentionAll_usesMentionedList_andTheTargetIsTheWebhook() throws Exception {
        WeComChannel channel = new WeComChannel(WEBHOOK, true);

        JsonNode body = mapper.readTree(channel.body(alert("x"), new AlertScrubber(List.of())));

        assertThat(body.get("msgtype").asText()).isEqualTo("text");
        assertThat(body.get("text").get("mentioned_list").get(0).asText()).isEqualTo("@all");
        assertThat(channel.target(alert("x"))).isEqualTo(WEBHOOK);
        assertThat(channel.secrets()).containsExactly("k-123");
    }
}
