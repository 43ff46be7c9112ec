package io.qiao.jushuitan.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.sync.Source;
import io.qiao.sync.testkit.SourceContract;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The source contract (qiao-sync-testkit) on {@link OtherInOutSource}, read from the 聚水潭 simulator: with the
 * defaults of {@link JushuitanSources#otherInOutBuilder}, and with windows short enough that the data spans several.
 */
class OtherInOutSourceContractTest {
    private static final LocalDateTime DATA_START = LocalDateTime.of(2024, 5, 31, 0, 30);
    /**
     * Ten minutes after the last modification: all data lies in the source's default 24 hours of look-back. Not
     * named NOW: inside the suites the inherited SourceContract.NOW would win.
     */
    private static final Instant JOB_NOW = LocalDateTime.of(2024, 6, 1, 0, 10).atZone(Json.SHANGHAI).toInstant();

    private static final JushuitanSimulator SIM = JushuitanSimulator.builder().documents(8)
            .dataWindow(DATA_START, Duration.ofHours(23)).limitsEnforced(false).build().start();
    private static final JushuitanClient CLIENT = JushuitanClient.builder().endpoint(SIM.endpoint())
            .appKey(SIM.appKey()).appSecret(Secret.of(SIM.appSecret())).rateLimits(RateLimits.none())
            .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).throttleDelay(Duration.ZERO)
                    .build())
            .build();

    @AfterAll
    static void stop() {
        CLIENT.close();
        SIM.close();
    }

    abstract static class Base extends SourceContract<OtherInOut> {
        @Override
        protected List<OtherInOut> expectedRecords() {
            List<OtherInOut> all = CLIENT.otherInOuts().list(OtherInOutQuery.modifiedBetween(
                    DATA_START.atZone(Json.SHANGHAI).toInstant(), JOB_NOW)).stream().toList();
            assertThat(all).hasSize(SIM.dataSet().otherInOut().size());
            return all;
        }

        @Override
        protected Object keyOf(OtherInOut record) {
            return JushuitanSources.keyOf(record);
        }

        @Override
        protected Clock clock() {
            return Clock.fixed(JOB_NOW, ZoneOffset.UTC);
        }
    }

    @Nested
    class Defaults extends Base {
        @Override
        protected Source<OtherInOut> newSource() {
            return JushuitanSources.otherInOut(CLIENT, OtherInOutFilter.all());
        }
    }

    @Nested
    class SixHourWindows extends Base {
        @Override
        protected Source<OtherInOut> newSource() {
            return JushuitanSources.otherInOutBuilder(CLIENT).maxWindow(Duration.ofHours(6)).build();
        }
    }
}
