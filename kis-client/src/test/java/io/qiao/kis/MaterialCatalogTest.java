package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.model.Material;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaterialCatalogTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final KisSimulator sim = KisSimulator.builder().clock(clock).tokenTtl(Duration.ofDays(1)).start();

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void miss_reloadsAtMostOncePerInterval_soNewMaterialsAreSeenSoon() {
        sim.addMaterial("A", "a", "PCS");
        MaterialCatalog catalog = clientFor(sim).catalogMissReload(Duration.ofMinutes(1)).build()
                .materials().catalogByNumber();
        assertThat(catalog.find("A")).isPresent();
        sim.addMaterial("B", "b", "PCS");

        assertThat(catalog.find("B")).isEmpty();
        assertThat(catalog.find("C")).isEmpty();
        assertThat(catalog.loads()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(catalog.find("B")).map(Material::name).contains("b");
        assertThat(catalog.find("C")).isEmpty();
        assertThat(catalog.loads()).isEqualTo(2);
    }

    @Test
    void hits_reloadOnlyAfterTheTtl() {
        sim.addMaterial("A", "a", "PCS");
        MaterialCatalog catalog = clientFor(sim).catalogTtl(Duration.ofMinutes(10)).build().materials().catalogByNumber();

        catalog.find("A");
        clock.advance(Duration.ofMinutes(9));
        catalog.find("A");
        assertThat(catalog.loads()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        catalog.find("A");
        assertThat(catalog.loads()).isEqualTo(2);
    }

    @Test
    void refresh_dropsTheCache() {
        sim.addMaterial("A", "a", "PCS");
        MaterialCatalog catalog = clientFor(sim).build().materials().catalogByNumber();
        assertThat(catalog.size()).isEqualTo(1);

        catalog.refresh();
        sim.addMaterial("B", "b", "PCS");

        assertThat(catalog.size()).isEqualTo(2);
        assertThat(catalog.loads()).isEqualTo(2);
    }
}
