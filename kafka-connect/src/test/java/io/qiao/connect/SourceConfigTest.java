package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class SourceConfigTest {
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("qiao.source", "jackyun.warehouses");
        s.put("qiao.app.key", "app-1");
        s.put("qiao.app.secret", "s3cret-value");
        s.put("topic", "wh");
        return s;
    }

    @Test
    void since_readsTheCliForms() {
        assertThat(ConfigValues.since("qiao.since", "2024-05-01", NOW)).isEqualTo(Instant.parse("2024-04-30T16:00:00Z"));
        assertThat(ConfigValues.since("qiao.since", "2024-05-01 08:00:00", NOW))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(ConfigValues.since("qiao.since", "2024-05-01T00:00:00Z", NOW))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(ConfigValues.since("qiao.since", "7d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(ConfigValues.since("qiao.since", "P1D", NOW)).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void hostileDurations_negativeOrHuge_areRefusedBeforeTheConnectorStarts_namingTheKey() {
        for (String key : new String[] {"qiao.poll.interval", "qiao.overlap", "qiao.settle.delay", "qiao.window"}) {
            for (String value : new String[] {"999999999999d", "P40000D", "-5s", "PT-1S"}) {
                Map<String, String> s = settings();
                s.put(key, value);
                assertThatThrownBy(() -> new SourceConfig(s)).as(key + "=" + value)
                        .isInstanceOf(ConfigException.class).hasMessageContaining(key);
            }
        }
        Map<String, String> longest = settings();
        longest.put("qiao.overlap", "36525d");
        assertThat(new SourceConfig(longest).overlap()).isEqualTo(Duration.ofDays(36_525));
    }

    @Test
    void badValues_areRefusedNamingTheKeyAndTheProblem() {
        assertThatThrownBy(() -> ConfigValues.since("qiao.since", "yesterday", NOW)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qiao.since").hasMessageContaining("not a time");
        assertThatThrownBy(() -> ConfigValues.since("qiao.since", "1999-12-31", NOW))
                .hasMessageContaining("qiao.since").hasMessageContaining("2000-01-01");
        assertThatThrownBy(() -> ConfigValues.duration("qiao.settle.delay", "soon"))
                .hasMessageContaining("qiao.settle.delay").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigValues.rateLimit("qiao.rate.limit", "fast"))
                .hasMessageContaining("qiao.rate.limit").hasMessageContaining("10/s");

        Map<String, String> s = settings();
        s.put("qiao.source", "jackyun.nothing");
        assertThatThrownBy(() -> new SourceConfig(s)).hasMessageContaining("qiao.source");
        Map<String, String> p = settings();
        p.put("qiao.source", "jackyun.pages");
        assertThatThrownBy(() -> new SourceConfig(p)).hasMessageContaining("qiao.method");
        p.put("qiao.method", "erp.storage.goodslist");
        assertThatThrownBy(() -> new SourceConfig(p)).hasMessageContaining("qiao.key.fields");
    }

    @Test
    void validate_reportsEveryProblemOnItsKey_asTheWorkersRestApiShowsThem() {
        Map<String, String> s = settings();
        s.remove("qiao.app.key");
        s.put("qiao.window", "tomorrow");
        s.put("qiao.source", "jackyun.pages");

        Config config = new QiaoSourceConnector().validate(s);

        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        assertThat(errors).containsKeys("qiao.app.key", "qiao.window", "qiao.method", "qiao.key.fields");
        assertThat(errors.get("qiao.window").get(0)).contains("not a duration");
    }

    @Test
    void theSecret_isAPasswordThatNeverShowsInConfigsOrTaskConfigs() {
        SourceConfig config = new SourceConfig(settings());
        assertThat(SourceConfig.DEFINITION.configKeys().get("qiao.app.secret").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        assertThat(config.values().toString()).doesNotContain("s3cret-value");
        assertThat(config.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void eachTask_getsItsShareOfTheAccountsRateLimit() {
        RateLimit share = QiaoSourceTask.share(RateLimit.perSecond(10), 4);

        assertThat(share.permits()).isEqualTo(10);
        assertThat(share.period()).isEqualTo(Duration.ofSeconds(4));
    }
}
