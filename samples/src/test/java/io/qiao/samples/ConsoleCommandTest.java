package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.console.ConsoleRequest;
import io.qiao.console.ConsoleResponse;
import io.qiao.console.QiaoConsole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qiao console}: its options, and what it reads from a state directory without changing it. */
class ConsoleCommandTest {
    @TempDir
    Path state;

    @Test
    void portOutOfRange_isBadUsageNamingTheOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(new String[] {"console", "--port", "70000", "--state-dir", state.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
        assertThat(exit).isEqualTo(Qiao.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port '70000'");
    }

    @Test
    void shortToken_isBadUsageNamingTheVariableButNotTheToken() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(new String[] {"console", "--port", "0", "--state-dir", state.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("QIAO_CONSOLE_TOKEN", "abc12"), false,
                Clock.systemUTC());
        assertThat(exit).isEqualTo(Qiao.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("QIAO_CONSOLE_TOKEN").doesNotContain("abc12");
    }

    @Test
    void freshStateDirectory_showsThreePipelinesThatNeverRan_andCreatesNoDatabase() throws Exception {
        try (Workspace ws = TestSupport.simulated(state)) {
            QiaoConsole console = new ConsoleCommand(ws).console(null);
            ConsoleResponse r = console.handle(new ConsoleRequest("GET", "/api/overview", Map.of(), Map.of(), null));
            assertThat(r.status()).isEqualTo(200);
            JsonNode o = new ObjectMapper().readTree(r.text());
            assertThat(o.path("pipelines")).hasSize(3);
            for (JsonNode p : o.path("pipelines")) {
                assertThat(p.path("status").path("runs").asInt()).isZero();
                assertThat(p.path("openDeadLetters").asInt()).isZero();
                assertThat(p.path("checkpoint").isNull()).isTrue();
            }
            assertThat(o.path("writesEnabled").asBoolean()).isFalse();
        }
        assertThat(state.resolve("qiao.mv.db")).doesNotExist();
        assertThat(Files.exists(state.resolve("runs.jsonl"))).isFalse();
    }

    @Test
    void apiUsage_drawsTheLimitsTheWorkspacesClientsKeepTo_simulatorsPacingOrTheVendorsDefault() throws Exception {
        try (Workspace simulated = TestSupport.simulated(state)) {
            JsonNode vendors = apiUsageVendors(simulated);
            assertThat(vendors.path("jushuitan").path("limitPerSecond").asDouble()) // Simulators.jushuitanPacing()
                    .isEqualTo(Math.round((Simulators.SIM_PER_MINUTE - 2) / 60.0 * 1000) / 1000.0);
            assertThat(vendors.path("kis").path("limitPerSecond").isNull()).isTrue(); // the simulator is not paced
            assertThat(vendors.path("archive").path("limits")).isEmpty();
        }
        try (Workspace configured = new Workspace(Settings.of(Map.of("state-dir", state.toString(),
                "jushuitan.endpoint", "http://127.0.0.1:9", "kis.endpoint", "http://127.0.0.1:9")), Clock.systemUTC())) {
            JsonNode vendors = apiUsageVendors(configured);
            assertThat(vendors.path("jushuitan").path("limitPerSecond").asDouble()).isEqualTo(1.633); // 98 a minute
            assertThat(vendors.path("jushuitan").path("limits").get(0).path("perSecond").asDouble()).isEqualTo(4.0);
            assertThat(vendors.path("kis").path("limitPerSecond").asDouble()).isEqualTo(10.0);
            assertThat(vendors.path("jackyun").path("limitPerSecond").isNull()).isTrue(); // still simulated
        }
    }

    /** The console's {@code vendors[]} keyed by vendor. */
    private static JsonNode apiUsageVendors(Workspace ws) throws Exception {
        ConsoleResponse r = new ConsoleCommand(ws).console(null)
                .handle(new ConsoleRequest("GET", "/api/api-usage", Map.of(), Map.of(), null));
        assertThat(r.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.node.ObjectNode byVendor = new ObjectMapper().createObjectNode();
        new ObjectMapper().readTree(r.text()).path("vendors").forEach(v -> byVendor.set(v.path("vendor").asText(), v));
        assertThat(byVendor.size()).isEqualTo(Workspace.VENDORS.size());
        return byVendor;
    }
}
