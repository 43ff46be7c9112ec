package io.qiao.jackyun;

import io.qiao.client.ClientShapeContract;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Secret;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.net.URI;
import java.util.List;

/** Issue 15: the shape every client shares, run against the 吉客云 simulator. */
class JackyunClientShapeTest extends ClientShapeContract<JackyunSimulator, JackyunClient.Builder, JackyunClient> {

    @Override
    protected JackyunSimulator startSimulator() {
        return JackyunSimulator.builder().build().start();
    }

    @Override
    protected JackyunClient.Builder builder(JackyunSimulator sim) {
        return JackyunClient.builder().endpoint(sim.endpoint()).credentials(credentials(sim))
                .retry(TestClients.fastRetry(3)).rateLimits(RateLimits.none());
    }

    @Override
    protected JackyunClient build(JackyunClient.Builder builder) {
        return builder.build();
    }

    @Override
    protected JackyunClient.Builder newBuilder(JackyunClient client) {
        return client.newBuilder();
    }

    @Override
    protected URI endpoint(JackyunSimulator sim) {
        return sim.endpoint();
    }

    @Override
    protected JackyunCredentials credentials(JackyunSimulator sim) {
        return JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret()));
    }

    @Override
    protected List<String> secrets(JackyunSimulator sim) {
        return List.of(sim.appSecret());
    }

    @Override
    protected String call(JackyunClient client) {
        return client.warehouses().list(WarehouseQuery.all()).iterator().next().warehouseName();
    }

    @Override
    protected void failNextCallOnce(JackyunSimulator sim) {
        sim.faults().next(JackyunFault.httpStatus(503), 1);
    }

    @Override
    protected boolean isSigned(Request request) {
        String body = request.body().text().orElse("");
        return body.contains("sign=") && body.contains("timestamp=");
    }
}
