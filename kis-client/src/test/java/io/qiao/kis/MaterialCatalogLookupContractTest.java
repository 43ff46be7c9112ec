package io.qiao.kis;

import io.qiao.kis.model.Material;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.testkit.LookupContract;
import io.qiao.testkit.kis.KisSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The lookup contract (qiao-sync-testkit) on the material catalogues the KIS sinks resolve items with
 * ({@code client.materials().catalogByNumber()::find} by default, {@code catalog(field)::find} by a custom field),
 * over the simulator's materials.
 */
abstract class MaterialCatalogLookupContractTest extends LookupContract<String, Material> {
    private KisSimulator sim;
    private KisClient client;

    @AfterEach
    void close() {
        client.close();
        sim.close();
    }

    /** A simulator holding two materials, and a client for it. */
    KisClient client() {
        sim = KisSimulator.builder().build().start();
        sim.clearMaterials();
        sim.addMaterial("1.01.001", "商品A", "PCS", Map.of("F_103", "SKU-A"));
        sim.addMaterial("1.01.002", "商品B", "BOX", Map.of("F_103", "SKU-B"));
        client = KisTestSupport.clientFor(sim).build();
        return client;
    }

    @Override
    protected Material expectedValue() {
        return client.materials().list(io.qiao.kis.model.MaterialQuery.all()).stream()
                .filter(m -> m.number().equals("1.01.002")).findFirst().orElseThrow();
    }

    static class ByNumberTest extends MaterialCatalogLookupContractTest {
        @Override
        protected Lookup<String, Material> newLookup() {
            return client().materials().catalogByNumber()::find;
        }

        @Override
        protected String presentKey() {
            return "1.01.002";
        }

        @Override
        protected String absentKey() {
            return "9.99.999";
        }
    }

    static class ByFieldTest extends MaterialCatalogLookupContractTest {
        @Override
        protected Lookup<String, Material> newLookup() {
            return client().materials().catalog("F_103")::find;
        }

        @Override
        protected String presentKey() {
            return "SKU-B";
        }

        @Override
        protected String absentKey() {
            return "SKU-404";
        }
    }
}
