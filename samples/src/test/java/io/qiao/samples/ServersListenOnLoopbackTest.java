package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import io.qiao.testkit.SimulatorServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14: the servers Qiao starts answer this machine only. */
class ServersListenOnLoopbackTest {

    @Test
    void theSimulatorsOfSimulate_listenOnLoopbackOnly() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs /proc/net/tcp (Linux)");
        try (Simulators sims = new Simulators(Clock.systemUTC())) {
            sims.startAll();
            Map<String, Integer> ports = Map.of(
                    "jackyun", sims.jackyun().port(),
                    "jushuitan", sims.jushuitan().port(),
                    "kis", sims.kis().port(),
                    "archive", sims.archive().port());
            for (SimulatorServer sim : List.of(sims.jackyun(), sims.jushuitan(), sims.kis(), sims.archive())) {
                assertThat(InetAddress.getByName(sim.endpoint().getHost()).isLoopbackAddress())
                        .as(sim + " endpoint " + sim.endpoint()).isTrue();
            }

            ports.forEach((name, port) -> {
                List<InetAddress> bound = listening(port);
                assertThat(bound).as(name + " on port " + port).isNotEmpty()
                        .allSatisfy(a -> assertThat(a.isLoopbackAddress()).as(name + " bound to " + a).isTrue());
            });
        }
    }

    static List<InetAddress> listening(int port) {
        try {
            return ListeningSockets.addressesListeningOn(port);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
