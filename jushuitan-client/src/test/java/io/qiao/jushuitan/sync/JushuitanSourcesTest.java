package io.qiao.jushuitan.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.Purchase;
import io.qiao.jushuitan.model.Refund;
import io.qiao.jushuitan.model.Sku;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.TimeWindowSource;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JushuitanSourcesTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(400).limitsEnforced(false));

    private static JushuitanClient client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none())
                .retry(RetryOptions.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build())
                .build();
    }

    private static Instant instant(LocalDateTime shanghai) {
        return shanghai.atZone(Json.SHANGHAI).toInstant();
    }

    /** A job whose "now" is fixed, with a sink that remembers every delivery (not only the last per key). */
    private static final class Harness {
        final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        final List<OtherInOut> delivered = new ArrayList<>();
        final InMemorySink<Long, OtherInOut> sink = InMemorySink.keyedBy(d -> {
            synchronized (this) {
                delivered.add(d);
            }
            return d.ioId();
        });

        SyncReport run(OtherInOutSource source, Instant now) {
            return SyncJob.builder("jst-other-inout").source(source).sink(sink).checkpoints(checkpoints)
                    .deadLetters(new InMemoryDeadLetterStore()).keyOf(JushuitanSources::keyOf)
                    .clock(Clock.fixed(now, ZoneOffset.UTC)).build().runOnce();
        }
    }

    @Test
    void otherInOutBuilder_refusesNegativeOrHugeDurationsAndWatermarksOutOfRange_namingTheOption(JushuitanSimulator sim) {
        JushuitanSources.OtherInOutBuilder b = JushuitanSources.otherInOutBuilder(client(sim));
        Duration huge = Duration.ofDays(99_999_999_999L);

        assertThatThrownBy(() -> b.overlap(Duration.ofSeconds(-1)))
                .hasMessage("overlap must not be negative, was PT-1S");
        assertThatThrownBy(() -> b.settleDelay(huge)).hasMessageStartingWith("settleDelay must be at most 36525 days");
        assertThatThrownBy(() -> b.initialLookback(huge))
                .hasMessageStartingWith("initialLookback must be at most 36525 days");
        assertThatThrownBy(() -> b.initialWatermark(Instant.parse("1969-12-31T23:59:59Z")))
                .hasMessageStartingWith("initialWatermark must lie between 1970-01-01T00:00:00Z");
    }

    @Test
    void otherInOut_firstRun_deliversEveryDocumentOnceInSevenDayWindows(JushuitanSimulator sim) {
        Harness h = new Harness();
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim))
                .initialWatermark(instant(sim.dataSet().start())).build();

        SyncReport report = h.run(source, instant(sim.dataSet().end().plusHours(1)));

        assertThat(report.failed()).as(report.errorSummary()).isFalse();
        assertThat(report.written()).isEqualTo(400);
        assertThat(h.delivered).extracting(OtherInOut::ioId).doesNotHaveDuplicates().hasSize(400);
        assertThat(report.windows()).isEqualTo(5); // 28 days and an hour, in windows of at most 7 days
        assertThat(sim.answerCount(1)).as("windows the simulator refused").isZero();
    }

    @Test
    void orderOuts_firstRun_deliversEveryConfirmedSalesOutboundOnce_withTheStatusSent(JushuitanSimulator sim) {
        List<OrderOut> delivered = new ArrayList<>();
        InMemorySink<Long, OrderOut> sink = InMemorySink.keyedBy(d -> {
            synchronized (delivered) {
                delivered.add(d);
            }
            return d.ioId();
        });
        TimeWindowSource<OrderOut> source = JushuitanSources.orderOutsBuilder(client(sim), b -> b.status("Confirmed"))
                .initialWatermark(instant(sim.dataSet().start())).build();

        SyncReport report = SyncJob.builder("jst-order-outs").source(source).sink(sink)
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .keyOf(d -> Long.toString(d.ioId()))
                .clock(Clock.fixed(instant(sim.dataSet().end().plusHours(1)), ZoneOffset.UTC)).build().runOnce();

        assertThat(report.failed()).as(report.errorSummary()).isFalse();
        assertThat(delivered).extracting(OrderOut::ioId).doesNotHaveDuplicates()
                .hasSize(sim.dataSet().orderOuts().size());
        assertThat(sim.recentBiz("/open/orders/out/simple/query"))
                .allSatisfy(b -> assertThat(b).contains("\"status\":\"Confirmed\"", "\"modified_begin\":"));
    }

    /** One first run of {@code source} over the whole data set; the keys delivered, in delivery order. */
    private static <T> List<Object> firstRun(JushuitanSimulator sim, String name, TimeWindowSource<T> source,
                                             java.util.function.Function<T, Object> key) {
        List<Object> delivered = new ArrayList<>();
        InMemorySink<Object, T> sink = InMemorySink.keyedBy(d -> {
            synchronized (delivered) {
                delivered.add(key.apply(d));
            }
            return key.apply(d);
        });
        SyncReport report = SyncJob.builder(name).source(source).sink(sink)
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .keyOf(d -> key.apply(d).toString())
                .clock(Clock.fixed(instant(sim.dataSet().end().plusHours(1)), ZoneOffset.UTC)).build().runOnce();
        assertThat(report.failed()).as(report.errorSummary()).isFalse();
        return delivered;
    }

    @Test
    void skusPurchasesAndRefunds_firstRun_deliverEveryRecordOnce_withTheFiltersSent(JushuitanSimulator sim) {
        Instant start = instant(sim.dataSet().start());

        List<Object> skus = firstRun(sim, "jst-skus", JushuitanSources.skusBuilder(client(sim), b -> b)
                .initialWatermark(start).build(), Sku::skuId);
        List<Object> purchases = firstRun(sim, "jst-purchases", JushuitanSources.purchasesBuilder(client(sim),
                b -> b.pageSize(20)).initialWatermark(start).build(), Purchase::poId);
        List<Object> refunds = firstRun(sim, "jst-refunds", JushuitanSources.refundsBuilder(client(sim),
                b -> b.status("Confirmed")).initialWatermark(start).build(), Refund::asId);

        assertThat(skus).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                sim.dataSet().skuRecords().stream().map(SimDocument::soId).toList());
        assertThat(purchases).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                sim.dataSet().purchases().stream().map(SimDocument::id).toList());
        assertThat(refunds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sim.dataSet().refunds()
                .stream().filter(d -> "Confirmed".equals(d.status())).map(SimDocument::id).toList());
        assertThat(sim.recentBiz("/open/purchase/query")).allSatisfy(b -> assertThat(b).contains("\"page_size\":20"));
        assertThat(sim.recentBiz("/open/refund/single/query"))
                .allSatisfy(b -> assertThat(b).startsWith("{\"status\":\"Confirmed\",\"modified_begin\":"));
    }

    @Test
    void otherInOut_nextRun_skipsTheOverlapItDeliveredButDeliversLateAndChangedDocuments(JushuitanSimulator sim) {
        Harness h = new Harness();
        LocalDateTime mark = sim.dataSet().start().plusDays(10).plusHours(3);
        List<SimDocument> docs = sim.dataSet().otherInOut();
        long inBand = docs.get(0).id();
        sim.touch(inBand, mark.minusSeconds(30)); // delivered by run 1, read again by run 2's overlap
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim))
                .initialWatermark(instant(sim.dataSet().start())).overlap(Duration.ofMinutes(2))
                .settleDelay(Duration.ofSeconds(30)).build();
        Instant now = instant(mark).plusSeconds(30);

        SyncReport first = h.run(source, now);
        long late = docs.get(1).id();
        sim.touch(late, mark.minusSeconds(60)); // written late into the band run 1 already read
        h.delivered.clear();
        SyncReport second = h.run(source, now);

        assertThat(first.written()).isGreaterThan(100);
        assertThat(first.checkpointAfter().cursor()).isNotNull();
        assertThat(second.written()).isEqualTo(1);
        assertThat(h.delivered).extracting(OtherInOut::ioId).containsExactly(late);
    }

    @Test
    void otherInOut_watermarkMidSecond_documentAtThatSecondIsDeliveredOnceOverTwoRuns(JushuitanSimulator sim) {
        Harness h = new Harness();
        LocalDateTime mark = sim.dataSet().start().plusDays(10).plusHours(3);
        long doc = sim.dataSet().otherInOut().get(0).id();
        sim.touch(doc, mark);
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim))
                .initialWatermark(instant(mark).minusSeconds(600)).settleDelay(Duration.ofSeconds(30)).build();
        Instant now = instant(mark).plusMillis(30_500); // watermark after the run: mark + 0.5 s

        SyncReport first = h.run(source, now);
        SyncReport second = h.run(source, now);

        assertThat(first.checkpointAfter().watermark()).isEqualTo(instant(mark).plusMillis(500));
        assertThat(h.delivered).extracting(OtherInOut::ioId).containsOnlyOnce(doc);
        assertThat(second.written()).isZero();
    }

    @Test
    void otherInOut_windowEdgesMidSecond_doNotDeliverADocumentTwiceInOneRun(JushuitanSimulator sim) {
        Harness h = new Harness();
        LocalDateTime mark = sim.dataSet().start().plusDays(10).plusHours(3);
        long doc = sim.dataSet().otherInOut().get(0).id();
        sim.touch(doc, mark);
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim)).maxWindow(Duration.ofMinutes(1))
                .initialWatermark(instant(mark).minusSeconds(59).minusMillis(500)).build();

        h.run(source, instant(mark).plusSeconds(120));

        assertThat(h.delivered).extracting(OtherInOut::ioId).containsOnlyOnce(doc);
    }

    @Test
    void otherInOut_withoutACursor_redeliversTheOverlapRatherThanLosingAnything(JushuitanSimulator sim) {
        Harness h = new Harness();
        LocalDateTime mark = sim.dataSet().start().plusDays(10).plusHours(3);
        sim.touch(sim.dataSet().otherInOut().get(0).id(), mark.minusSeconds(30));
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim))
                .initialWatermark(instant(mark)).overlap(Duration.ofMinutes(2)).build();

        SyncReport report = h.run(source, instant(mark).plusSeconds(30));

        assertThat(report.written()).isEqualTo(1);
    }

    @Test
    void otherInOut_filter_isSentToTheVendor(JushuitanSimulator sim) {
        Harness h = new Harness();
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(client(sim))
                .filter(OtherInOutFilter.confirmed(OtherInOutQuery.TYPE_OTHER_IN))
                .initialWatermark(instant(sim.dataSet().start())).build();

        h.run(source, instant(sim.dataSet().end().plusHours(1)));

        long expected = sim.dataSet().otherInOut().stream()
                .filter(d -> d.type().equals("其它进仓") && d.status().equals("Confirmed")).count();
        assertThat(h.sink.size()).isEqualTo(expected);
        assertThat(h.delivered).allMatch(d -> d.type().equals("其它进仓") && d.status().equals("Confirmed"));
    }

    @Test
    void otherInOutBuilder_refusesWindowsLongerThanTheVendorAllows(JushuitanSimulator sim) {
        assertThatThrownBy(() -> JushuitanSources.otherInOutBuilder(client(sim)).maxWindow(Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days");
    }
}
