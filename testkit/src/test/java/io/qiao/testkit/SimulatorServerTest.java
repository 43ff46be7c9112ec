package io.qiao.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.kis.KisSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Issue 15: the four simulators share one lifecycle and one address vocabulary. */
class SimulatorServerTest {

    private static List<Supplier<SimulatorServer>> simulators() {
        return List.of(() -> JackyunSimulator.builder().build(), JushuitanSimulator::create, KisSimulator::create,
                ArchiveSimulator::new);
    }

    @Test
    void everySimulator_isASimulatorServer_withALoopbackEndpointOnItsPort_andCloseStopsIt() throws Exception {
        for (Supplier<SimulatorServer> make : simulators()) {
            SimulatorServer sim = make.get();
            assertThat(sim.isRunning()).as(sim + " before start").isFalse();
            assertThatThrownBy(sim::endpoint).as(sim + " endpoint before start").isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(sim::port).as(sim + " port before start").isInstanceOf(IllegalStateException.class);

            int port;
            try (SimulatorServer s = sim.start()) {
                port = s.port();
                assertThat(s).isSameAs(sim);
                assertThat(s.isRunning()).isTrue();
                assertThat(s.endpoint().getScheme()).isEqualTo("http");
                assertThat(s.endpoint().getHost()).isEqualTo("127.0.0.1");
                assertThat(InetAddress.getByName(s.endpoint().getHost()).isLoopbackAddress()).isTrue();
                assertThat(s.endpoint().getPort()).as(s + " endpoint port").isEqualTo(s.port());
                assertThat(accepts(s.port())).as(s + " accepts connections").isTrue();
            }
            assertThat(sim.isRunning()).as(sim + " after close").isFalse();
            assertThat(accepts(port)).as(sim + " still accepts on " + port + " after close").isFalse();
        }
    }

    @Test
    void aStoppedSimulator_startsAgain() {
        for (Supplier<SimulatorServer> make : simulators()) {
            try (SimulatorServer sim = make.get().start()) {
                sim.stop();
                assertThat(sim.isRunning()).isFalse();
                sim.start();
                assertThat(sim.isRunning()).as(sim + " restarted").isTrue();
                assertThat(accepts(sim.port())).isTrue();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
