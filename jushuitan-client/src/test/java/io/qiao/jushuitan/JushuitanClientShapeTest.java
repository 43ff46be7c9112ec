package io.qiao.jushuitan;

import io.qiao.client.ClientShapeContract;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Issue 15: the shape every client shares, run against the 聚水潭 simulator. */
class JushuitanClientShapeTest
        extends ClientShapeContract<JushuitanSimulator, JushuitanClient.Builder, JushuitanClient> {
    private static final RetryOptions FAST_RETRY = RetryOptions.builder().baseDelay(Duration.ZERO)
            .maxDelay(Duration.ZERO).throttleDelay(Duration.ZERO).build();

    @Override
    protected JushuitanSimulator startSimulator() {
        return JushuitanSimulator.builder().documents(3).limitsEnforced(false).build().start();
    }

    @Override
    protected JushuitanClient.Builder builder(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).credentials(credentials(sim)).retry(FAST_RETRY)
                .rateLimits(RateLimits.none());
    }

    @Override
    protected JushuitanClient build(JushuitanClient.Builder builder) {
        return builder.build();
    }

    @Override
    protected JushuitanClient.Builder newBuilder(JushuitanClient client) {
        return client.newBuilder();
    }

    @Override
    protected URI endpoint(JushuitanSimulator sim) {
        return sim.endpoint();
    }

    @Override
    protected JushuitanCredentials credentials(JushuitanSimulator sim) {
        return JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret()));
    }

    @Override
    protected List<String> secrets(JushuitanSimulator sim) {
        return List.of(sim.appSecret());
    }

    @Override
    protected String call(JushuitanClient client) {
        return client.warehouses().list().iterator().next().name();
    }

    @Override
    protected void failNextCallOnce(JushuitanSimulator sim) {
        sim.faults().next(Warehouses.QUERY, JushuitanFault.httpStatus(503), 1);
    }

    @Override
    protected boolean isSigned(Request request) {
        String body = request.body().text().orElse("");
        return body.contains("sign=") && body.contains("access_token=");
    }
}
