package io.qiao.sync.observe;

import io.qiao.sync.Position;
import io.qiao.sync.SyncReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.ApiException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonChannelTest {
    private static final Instant AT = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void body_carriesKindJobMessageAndTheReport_withTheErrorScrubbed() throws Exception {
        ApiException e = ApiException.builder().operation("kis.save").httpStatus(500).vendorCode("E500")
                .vendorMessage("internal error, app_secret=hush-hush-123").build();
        SyncReport report = new SyncReport("orders", SyncReport.Status.FAILED, AT, Duration.ofSeconds(3), 2, 5, 120,
                100, 3, 0, 2, Position.at(AT.minusSeconds(60)), Position.at(AT), "[w)", e, false);
        Alert alert = new Alert(WebhookAlerter.Kind.RUN_FAILED, "orders", "run failed", report, AT);

        JsonNode body = new ObjectMapper().readTree(new JsonChannel(URI.create("https://hooks.example/qiao"))
                .body(alert, new AlertScrubber(List.of())));

        assertThat(body.get("source").asText()).isEqualTo("qiao");
        assertThat(body.get("kind").asText()).isEqualTo("RUN_FAILED");
        assertThat(body.get("job").asText()).isEqualTo("orders");
        assertThat(body.get("message").asText()).isEqualTo("run failed");
        assertThat(body.get("report").get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("report").get("read").asLong()).isEqualTo(120);
        assertThat(body.get("report").get("failedWindow").asText()).isEqualTo("[w)");
        assertThat(body.get("report").get("error").asText()).contains("app_secret=").doesNotContain("hush-hush-123");
    }

    @Test
    void staleAlert_hasNoReport() throws Exception {
        Alert alert = new Alert(WebhookAlerter.Kind.NOT_SUCCEEDED, "orders", "stale", null, AT);

        JsonNode body = new ObjectMapper().readTree(new JsonChannel(URI.create("https://hooks.example/qiao"))
                .body(alert, new AlertScrubber(List.of())));

        assertThat(body.has("report")).isFalse();
        assertThat(body.get("kind").asText()).isEqualTo("NOT_SUCCEEDED");
    }
}
