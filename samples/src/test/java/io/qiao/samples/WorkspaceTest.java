package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.jushuitan.sync.OtherInOutFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    private Workspace ws(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("state-dir", dir.toString());
        return new Workspace(Settings.of(all), Clock.systemUTC());
    }

    @Test
    void otherInOutFilter_defaultsToConfirmedInboundKinds_andIsConfigurable() {
        try (Workspace d = ws(Map.of())) {
            assertThat(d.otherInOutFilter()).isEqualTo(new OtherInOutFilter(
                    JushuitanOtherInOutToKis.DEFAULT_TYPES, "Confirmed", null));
        }
        try (Workspace c = ws(Map.of("jushuitan.types", "其它出库， 其它进仓", "jushuitan.status", "all"))) {
            assertThat(c.otherInOutFilter().types()).containsExactly("其它出库", "其它进仓");
            assertThat(c.otherInOutFilter().status()).isNull();
        }
    }

    @Test
    void sinkWriters_defaultToOne_andOutsideOneToSixteenAreAUsageErrorNamingTheSetting() {
        try (Workspace w = ws(Map.of())) {
            assertThat(w.sinkWriters()).isEqualTo(1);
        }
        try (Workspace w = ws(Map.of("sink-writers", "4"))) {
            assertThat(w.sinkWriters()).isEqualTo(4);
        }
        for (String bad : new String[] {"0", "17", "four"}) {
            try (Workspace w = ws(Map.of("sink-writers", bad))) {
                assertThatThrownBy(w::sinkWriters).isInstanceOf(UsageException.class)
                        .hasMessage("sink-writers '" + bad + "' is not a whole number from 1 to 16");
            }
        }
    }

    @Test
    void stockIds_mapJushuitanWarehousesToKisStocks_andRefuseNonsense() {
        try (Workspace w = ws(Map.of("kis.stock-ids", "1:001, 2=A02"))) {
            assertThat(w.stockIds()).containsExactly(Map.entry(1L, "001"), Map.entry(2L, "A02"));
            assertThat(JushuitanOtherInOutToKis.stockId(3L, w.stockIds())).isEqualTo("003");
        }
        try (Workspace w = ws(Map.of("kis.stock-ids", "main warehouse"))) {
            assertThatThrownBy(w::stockIds).isInstanceOf(UsageException.class).hasMessageContaining("1:001,2:002");
        }
    }

    @Test
    void aVendorIsSimulated_whenForced_orWhenItsEndpointIsMissing() {
        try (Workspace w = ws(Map.of("kis.endpoint", "https://api.kingdee.com"))) {
            assertThat(w.simulated("jackyun")).isTrue();
            assertThat(w.simulated("kis")).isFalse();
        }
        try (Workspace w = ws(Map.of("kis.endpoint", "https://api.kingdee.com", "simulate", "true"))) {
            assertThat(w.simulated("kis")).isTrue();
        }
        try (Workspace w = ws(Map.of("kis.endpoint", "https://api.kingdee.com", "simulate", "false"))) {
            assertThat(w.simulated("kis")).isFalse();
        }
    }

    @Test
    void aRealVendorWithoutItsSecret_isBadUsage_namingTheVariable() {
        try (Workspace w = ws(Map.of("archive.endpoint", "https://archive.example.com", "archive.app-key", "k"))) {
            assertThatThrownBy(w::archive).isInstanceOf(UsageException.class)
                    .hasMessageContaining("QIAO_ARCHIVE_APP_SECRET");
        }
    }
}
