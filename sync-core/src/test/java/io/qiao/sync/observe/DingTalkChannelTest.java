package io.qiao.sync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DingTalkChannelTest {
    private static final String SECRET = "SECb6f3e8a1c2d4e5f60718293a4b5c6d7e8f9";
    private static final URI WEBHOOK = URI.create("https://oapi.dingtalk.com/robot/send?access_token=tok123");
    private static final Instant AT = Instant.parse("2024-05-01T00:00:00Z");

    private static Alert alert(String message) {
        return new Alert(WebhookAlerter.Kind.RUN_FAILED, "orders", message, null, AT);
    }

    /** The expected sign was computed apart (Python hmac/base64/urllib) from DingTalk's documented recipe. */
    @Test
    void signed_knownAnswer_appendsTimestampAndUrlEncodedHmacSha256Sign() {
        DingTalkChannel channel = new DingTalkChannel(WEBHOOK, Secret.of(SECRET), false);

        URI signed = channel.target(alert("x"));

        assertThat(signed).hasToString("https://oapi.dingtalk.com/robot/send?access_token=tok123"
                + "&timestamp=1714521600000&sign=4a38YaE%2BpF5nOIADsQU2tqAEgFOHf11ZDHA90JNk%2FzU%3D");
    }

    @Test
    void withoutSecret_postsToTheWebhookAsItIs() {
        DingTalkChannel channel = new DingTalkChannel(WEBHOOK, null, false);

        assertThat(channel.target(alert("x"))).isEqualTo(WEBHOOK);
    }

    @Test
    void webhookWithoutQuery_getsTheSignatureAsItsQuery() {
        DingTalkChannel channel = new DingTalkChannel(URI.create("https://robot.example/send"), Secret.of(SECRET), false);

        assertThat(channel.target(alert("x")).toString()).startsWith("https://robot.example/send?timestamp=1714521600000&sign=");
    }

    @Test
    void body_isATextMessage_mentioningEveryoneOnlyWhenAsked() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        AlertScrubber scrubber = new AlertScrubber(List.of());

        JsonNode plain = mapper.readTree(new DingTalkChannel(WEBHOOK, null, false).body(alert("运行失败"), scrubber));
        JsonNode all = mapper.readTree(new DingTalkChannel(WEBHOOK, null, true).body(alert("运行失败"), scrubber));

        assertThat(plain.get("msgtype").asText()).isEqualTo("text");
        assertThat(plain.get("text").get("content").asText()).isEqualTo("运行失败");
        assertThat(plain.has("at")).isFalse();
        assertThat(all.get("at").get("isAtAll").asBoolean()).isTrue();
    }

    @Test
    void secrets_areTheTokenAndTheSigningSecret() {
        assertThat(new DingTalkChannel(WEBHOOK, Secret.of(SECRET), false).secrets()).containsExactly("tok123", SECRET);
        assertThat(new DingTalkChannel(WEBHOOK, null, false).secrets()).containsExactly("tok123");
    }
}
