package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qiao.client.ApiException;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.StockQuantity;
import io.qiao.jackyun.model.StockQuantityQuery;
import io.qiao.jackyun.model.Trade;
import io.qiao.jackyun.model.TradeQuery;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The typed operations against the simulator's data set: everything, exactly once, across windows. */
class JackyunSimulatorDataTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(450).stockQuantities(700).stockDocuments(260).trades(530)
                    .modifiedBetween(MAY, JUNE).build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    private static JackyunClient client() {
        return SimulatorClients.client(sim()).build();
    }

    static Warehouse expected(JackyunDataSet.Warehouse w) {
        return new Warehouse(w.warehouseId(), w.warehouseCode(), w.warehouseName(), w.warehouseTypeCode(),
                w.warehouseTypeName(), w.blockup(), false, w.companyId(), w.companyCode(), w.companyName(),
                w.departmentId(), w.departmentCode(), w.departmentName(), w.address(), w.tel(), w.linkMan(),
                w.gmtCreate(), w.gmtModified(), w.channels().stream().map(c -> new Warehouse.SalesChannel(
                c.warehouseId(), c.channelId(), c.channelCode(), c.channelName())).toList());
    }

    @Test
    void warehouses_listEqualsTheSimulatorsData() {
        List<Warehouse> all = client().warehouses().list(WarehouseQuery.builder().pageSize(200).build()).stream().toList();

        assertThat(all).containsExactlyElementsOf(sim().data().warehouses().stream().map(
                JackyunSimulatorDataTest::expected).toList());
        assertThat(sim().requestCount()).isEqualTo(3);
    }

    @Test
    void warehouses_acrossWindows_everyRecordExactlyOnce() {
        List<Warehouse> all = client().warehouses().list(WarehouseQuery.builder().modifiedFrom(MAY).modifiedTo(JUNE)
                .maxWindow(Duration.ofDays(3)).pageSize(20).build()).stream().toList();

        assertThat(all).extracting(Warehouse::warehouseId).containsExactlyElementsOf(
                sim().data().warehouses().stream().map(JackyunDataSet.Warehouse::warehouseId).toList());
    }

    @Test
    void stockQuantities_cursorPagedPerDay_equalTheSimulatorsData() {
        List<StockQuantity> all = client().stockQuantities().list(StockQuantityQuery.builder().modifiedFrom(MAY)
                .modifiedTo(JUNE).pageSize(10).build()).stream().toList();

        assertThat(all).extracting(StockQuantity::quantityId).containsExactlyElementsOf(
                sim().data().stockQuantities().stream().map(JackyunDataSet.StockQuantity::quantityId).toList());
        JackyunDataSet.StockQuantity q = sim().data().stockQuantity(42);
        assertThat(all.get(42)).isEqualTo(new StockQuantity(q.quantityId(), q.goodsId(), q.goodsNo(), q.goodsName(),
                q.skuId(), q.skuName(), q.skuBarcode(), q.unitName(), q.warehouseId(), q.warehouseCode(),
                q.warehouseName(), q.currentQuantity(), q.lockingQuantity(), q.canUseQuantity(), null, null,
                q.gmtModified()));
        assertThat(sim().recentRequests()).anySatisfy(f -> assertThat(f.get("bizcontent")).contains("maxQuantityId"));
    }

    /** Each day window opens its cursor with maxQuantityId 0, then carries the last quantityId seen. */
    @Test
    void stockQuantities_firstCallOfEachWindow_sendsMaxQuantityIdZero() {
        List<StockQuantity> all = client().stockQuantities().list(StockQuantityQuery.builder().modifiedFrom(MAY)
                .modifiedTo(MAY.plusDays(2)).pageSize(10).build()).stream().toList();

        List<String> sent = sim().recentRequests().stream().map(f -> f.get("bizcontent")).toList();
        assertThat(sent).isNotEmpty().allSatisfy(b -> assertThat(b).contains("\"maxQuantityId\":"));
        assertThat(sent).filteredOn(b -> b.contains("\"maxQuantityId\":0}") || b.contains("\"maxQuantityId\":0,"))
                .hasSize(2) // one opening call per day window
                .anySatisfy(b -> assertThat(b).contains("\"gmtModifiedStart\":\"2024-05-01 00:00:00\""))
                .anySatisfy(b -> assertThat(b).contains("\"gmtModifiedStart\":\"2024-05-02 00:00:00\""));
        assertThat(all).isNotEmpty();
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedStockAccessorAndQuantitiesVerb_delegateToStockQuantitiesList() {
        JackyunClient client = client();
        assertThat(client.stock()).isSameAs(client.stockQuantities());
        assertThat(client.stock().quantities(StockQuantityQuery.builder().pageSize(200).build()).stream().count())
                .isEqualTo(700);
    }

    @Test
    void stockQuantities_withoutWindow_walkTheWholeCursor() {
        assertThat(client().stockQuantities().list(StockQuantityQuery.builder().pageSize(200).build()).stream().count())
                .isEqualTo(700);
        assertThat(sim().requestCount()).isEqualTo(4);
    }

    @Test
    void inboundDocuments_acrossSevenDayWindows_equalTheSimulatorsData() {
        List<StockDocument> all = client().stockDocuments().inbound(StockDocumentQuery.modifiedBetween(MAY, JUNE))
                .stream().toList();

        assertThat(all).extracting(StockDocument::goodsdocNo).containsExactlyElementsOf(
                sim().data().documents(JackyunDataSet.Direction.INBOUND).stream()
                        .map(JackyunDataSet.StockDocument::goodsdocNo).toList());
        JackyunDataSet.StockDocument d = sim().data().document(JackyunDataSet.Direction.INBOUND, 5);
        StockDocument got = all.get(5);
        assertThat(got.recId()).isEqualTo(d.recId());
        assertThat(got.inouttype()).isEqualTo("104");
        assertThat(got.gmtModified()).isEqualTo(d.gmtModified());
        assertThat(got.lines()).extracting(StockDocument.Line::quantity)
                .containsExactlyElementsOf(d.lines().stream().map(JackyunDataSet.DocumentLine::quantity).toList());
        assertThat(got.lines().get(0).costPrice()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(sim().recentRequests()).allSatisfy(f -> assertThat(f.get("bizcontent")).contains("selelctFields"));
    }

    @Test
    void outboundDocuments_areTheOutboundSet() {
        assertThat(client().stockDocuments().outbound(StockDocumentQuery.modifiedBetween(MAY, JUNE)).stream()
                .map(StockDocument::goodsdocNo).toList())
                .hasSize(260).allMatch(no -> no.startsWith("CK"));
    }

    @Test
    void documents_withAWindowTheVendorRefuses_failWithParameterError() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> client().stockDocuments()
                .inbound(StockDocumentQuery.modifiedBetween(MAY, JUNE).toBuilder().maxWindow(Duration.ofDays(10))
                        .build()).stream().count());

        assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.PARAMETER_OUT_OF_RANGE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.vendorMessage()).contains("7天");
    }

    @Test
    void trades_scrollThroughSevenDayWindows_equalTheSimulatorsData() {
        List<Trade> all = client().trades().list(TradeQuery.builder().modifiedFrom(MAY).modifiedTo(JUNE).pageSize(40)
                .build()).stream().toList();

        assertThat(all).extracting(Trade::tradeNo).containsExactlyElementsOf(
                sim().data().trades().stream().map(JackyunDataSet.Trade::tradeNo).toList());
        JackyunDataSet.Trade t = sim().data().trade(7);
        assertThat(all.get(7).payment()).isEqualByComparingTo(t.payment());
        assertThat(all.get(7).goodsDetail()).hasSize(t.goodsDetail().size());
        assertThat(all.get(7).gmtModified()).isEqualTo(t.gmtModified());
        assertThat(sim().recentRequests()).anySatisfy(f -> assertThat(f.get("bizcontent")).contains("\"scrollId\":\"SC"));
    }

    @Test
    void trades_withDataEncodedAsString_decodeTheSame() {
        sim().faults().every(1, JackyunFault.dataAsString());
        List<Trade> all = client().trades().list(TradeQuery.modifiedBetween(MAY, MAY.plusDays(2))).stream().toList();
        sim().faults().clear();

        assertThat(all).isEqualTo(client().trades().list(TradeQuery.modifiedBetween(MAY, MAY.plusDays(2))).stream()
                .toList());
        assertThat(all).isNotEmpty();
    }
}
