package io.qiao.jackyun;

import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimit;
import io.qiao.client.Secret;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.time.Duration;

final class SimulatorClients {
    private SimulatorClients() {
    }

    /** A client of the simulator with instant retries. */
    static JackyunClient.Builder client(JackyunSimulator sim) {
        return client(sim, Duration.ofSeconds(20));
    }

    static JackyunClient.Builder client(JackyunSimulator sim, Duration requestTimeout) {
        return JackyunClient.builder()
                .endpoint(sim.endpoint())
                .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .transport(JdkHttpTransport.builder().requestTimeout(requestTimeout).build())
                .retry(TestClients.fastRetry(3))
                .rateLimit(RateLimit.perSecond(100_000));
    }
}
