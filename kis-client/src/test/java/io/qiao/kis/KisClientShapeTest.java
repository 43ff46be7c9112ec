package io.qiao.kis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiao.client.ClientShapeContract;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import java.net.URI;
import java.util.List;

/** Issue 15: the shape every client shares, run against the KIS simulator. */
class KisClientShapeTest extends ClientShapeContract<KisSimulator, KisClient.Builder, KisClient> {

    @Override
    protected KisSimulator startSimulator() {
        KisSimulator sim = KisSimulator.builder().build().start();
        sim.addMaterial("SKU-A", "商品A", "PCS");
        return sim;
    }

    @Override
    protected KisClient.Builder builder(KisSimulator sim) {
        return KisClient.builder().endpoint(sim.endpoint()).credentials(credentials(sim))
                .retry(KisTestSupport.NO_WAIT).rateLimits(RateLimits.none()).clock(sim.clock());
    }

    @Override
    protected KisClient build(KisClient.Builder builder) {
        return builder.build();
    }

    @Override
    protected KisClient.Builder newBuilder(KisClient client) {
        return client.newBuilder();
    }

    @Override
    protected URI endpoint(KisSimulator sim) {
        return sim.endpoint();
    }

    @Override
    protected KisGatewayCredentials credentials(KisSimulator sim) {
        return KisTestSupport.credentials(sim);
    }

    @Override
    protected List<String> secrets(KisSimulator sim) {
        return List.of(sim.credentials().clientSecret(), sim.credentials().appSecret());
    }

    @Override
    protected String call(KisClient client) {
        return client.materials().list(MaterialQuery.all()).iterator().next().name();
    }

    @Override
    protected void failNextCallOnce(KisSimulator sim) {
        sim.injectFault(KisOperation.LIST_MATERIALS, KisFault.UNAVAILABLE_BEFORE_PROCESSING);
    }

    @Override
    protected boolean isSigned(Request request) {
        return request.header("KIS-AuthData").isPresent(); // business calls carry KIS-AuthData, not the gateway signature (issue 20)
    }

    /** Each client derived from a KIS client obtains its own token (see {@link KisClient#newBuilder()}). */
    @Override
    protected boolean derivedClientsShareTheToken() {
        return false;
    }

    /** KIS rows are read as trees, field by field: the caller's node factory is what shows in a result. */
    @Override
    protected ObjectMapper markingMapper() {
        return new ObjectMapper().setNodeFactory(new JsonNodeFactory(false) {
            @Override
            public TextNode textNode(String text) {
                return super.textNode("商品A".equals(text) ? "mine:" + text : text);
            }
        });
    }
}
