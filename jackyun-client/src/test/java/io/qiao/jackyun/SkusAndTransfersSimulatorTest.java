package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qiao.client.ApiException;
import io.qiao.client.Json;
import io.qiao.client.PagingException;
import io.qiao.client.PagingLimits;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.SkuQuery;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.TransferQuery;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 货品, 调拨单 and 采购入库 against the simulator's data set: everything, exactly once, guarded like every listing. */
class SkusAndTransfersSimulatorTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);
    /** Only a safety net: without the guard the listing would never end; the assertions are on the exception. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(60);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().skus(430).transfers(270).stockDocuments(120).modifiedBetween(MAY, JUNE)
                    .build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    private static JackyunClient client() {
        return SimulatorClients.client(sim()).build();
    }

    private static Instant at(LocalDateTime beijing) {
        return beijing.atZone(Json.SHANGHAI).toInstant();
    }

    @AfterEach
    void clearFaults() {
        sim().faults().clear();
    }

    static Sku expected(JackyunDataSet.Sku s) {
        return new Sku(s.goodsId(), s.goodsNo(), s.goodsName(), s.skuId(), s.skuName(), s.skuNo(), s.skuBarcode(), null,
                s.unitName(), s.cateId(), s.cateName(), null, s.brandId(), s.brandName(), s.blockup(), s.skuBlockup(),
                s.deleted(), s.packageGood(), null, s.retailPrice(), null, null, null, null, null, s.gmtCreate(), null,
                s.goodsGmtModified(), s.skuGmtModified());
    }

    @Test
    void skus_withoutARange_walkTheMaxSkuIdCursor_andEqualTheData_throughTheLiveSuccessHead() {
        List<Sku> all = client().skus().list().stream().toList();

        assertThat(all).containsExactlyElementsOf(sim().data().skus().stream().map(
                SkusAndTransfersSimulatorTest::expected).toList());
        List<String> sent = sim().recentRequests().stream().map(f -> f.get("bizcontent")).toList();
        assertThat(sent).containsExactly("{\"pageIndex\":0,\"pageSize\":200,\"maxSkuId\":0}",
                "{\"pageIndex\":0,\"pageSize\":200,\"maxSkuId\":200}", "{\"pageIndex\":0,\"pageSize\":200,\"maxSkuId\":400}");
    }

    @Test
    void skus_acrossSkuModifiedWindows_everySkuExactlyOnce() {
        List<Sku> all = client().skus().list(SkuQuery.builder().modifiedFrom(at(MAY)).modifiedTo(at(JUNE))
                .maxWindow(Duration.ofDays(4)).pageSize(20).build()).stream().toList();

        assertThat(all).extracting(Sku::skuId).containsExactlyElementsOf(
                sim().data().skus().stream().map(JackyunDataSet.Sku::skuId).toList());
        assertThat(sim().recentRequests()).allSatisfy(f -> assertThat(f.get("bizcontent"))
                .contains("\"startDateModifiedSku\":").doesNotContain("maxSkuId"));
    }

    @Test
    void skus_filteredByGoodsNosAndBlockup_asTheSimulatorSelects() {
        JackyunDataSet.Sku s = sim().data().sku(30);

        List<Sku> all = client().skus().list(SkuQuery.builder().goodsNos(List.of(s.goodsNo())).build()).stream()
                .toList();
        List<Sku> disabled = client().skus().list(SkuQuery.builder().blockup(true).build()).stream().toList();

        assertThat(all).extracting(Sku::goodsNo).containsOnly(s.goodsNo()).hasSize(3);
        assertThat(disabled).isNotEmpty().allMatch(Sku::blockup);
        assertThat(all.get(0).retailPrice()).isEqualByComparingTo(sim().data().sku(30).retailPrice());
    }

    @Test
    void skus_whenTheGatewayRepeatsAFullPageForEver_stopWithPagingException() {
        sim().faults().every(1, JackyunFault.endlessPaging());

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> client().skus().list(SkuQuery.builder()
                .modifiedFrom(at(MAY)).modifiedTo(at(JUNE)).pageSize(5).build()).forEach(s -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("吉客云 erp.storage.goodslist page 2 repeated page 1's 5 records");
    }

    @Test
    void skus_moreDistinctPagesThanTheCap_stopAtThePagingLimit() {
        JackyunClient client = SimulatorClients.client(sim())
                .pagingLimits(PagingLimits.builder().maxPagesPerWindow(3).build()).build();

        assertThatThrownBy(() -> client.skus().list(SkuQuery.builder().pageSize(10).build()).forEach(s -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("吉客云 erp.storage.goodslist page 4: more than 3 pages in one window");
    }

    @Test
    void skus_aSkuWindowTheTenantRefuses_failsWithTheParameterSubCode() {
        try (JackyunSimulator strict = JackyunSimulator.builder().maxWindow(Skus.METHOD, Duration.ofDays(7))
                .dataSet(JackyunDataSet.builder().skus(10).modifiedBetween(MAY, JUNE).build()).build().start()) {
            ApiException e = catchThrowableOfType(() -> SimulatorClients.client(strict).build().skus()
                    .list(SkuQuery.modifiedBetween(at(MAY), at(JUNE))).forEach(s -> { }), ApiException.class);

            assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.PARAMETER_OUT_OF_RANGE);
            assertThat(e.vendorMessage()).contains("7天");
            assertThat(e.isRetryable()).isFalse();
        }
    }

    @Test
    void goodslistWithoutPaging_viaCall_isRefusedAsTheDocRequires() {
        ApiException e = catchThrowableOfType(() -> client().call(Skus.METHOD, Map.of("goodsNo", "G000001"), true),
                ApiException.class);

        assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.PARAMETER_OUT_OF_RANGE);
        assertThat(e.vendorMessage()).contains("pageIndex");
    }

    @Test
    void transfers_acrossSevenDayCreationWindows_equalTheData() {
        List<Transfer> all = client().transfers().list(TransferQuery.createdBetween(at(MAY), at(JUNE))).stream().toList();

        assertThat(all).extracting(Transfer::allocateNo).containsExactlyElementsOf(
                sim().data().transfers().stream().map(JackyunDataSet.Transfer::allocateNo).toList());
        JackyunDataSet.Transfer t = sim().data().transfer(9); // status 20, odd id: text statuses and epoch millis
        Transfer got = all.get(9);
        assertThat(got.status()).isEqualTo(TransferQuery.STATUS_COMPLETED);
        assertThat(got.inStatus()).isEqualTo(t.inStatus());
        assertThat(got.inWarehouseCode()).isEqualTo(t.inWarehouseCode());
        assertThat(got.gmtCreate()).isEqualTo(t.gmtCreate());
        assertThat(got.gmtModified()).isEqualTo(t.gmtModified());
        assertThat(got.auditDate()).isEqualTo(t.auditDate());
        assertThat(got.totalAmount()).isEqualByComparingTo(t.totalAmount());
        assertThat(got.lines()).extracting(Transfer.Line::inCount).usingComparatorForType(BigDecimal::compareTo,
                BigDecimal.class).containsExactlyElementsOf(t.lines().stream().map(JackyunDataSet.TransferLine::inCount)
                .toList());
        assertThat(sim().recentRequests()).allSatisfy(f -> assertThat(f.get("bizcontent")).contains("startCreateTime"));
    }

    @Test
    void transfers_byStatusOrWarehouse_areTheMatchingOnes() {
        List<Transfer> done = client().transfers().list(TransferQuery.builder().status(TransferQuery.STATUS_COMPLETED)
                .build()).stream().toList();
        List<Transfer> intoTwo = client().transfers().list(TransferQuery.builder().inWarehouseCode("WH000002").build())
                .stream().toList();

        assertThat(done).extracting(Transfer::allocateNo).containsExactlyElementsOf(sim().data().transfers().stream()
                .filter(t -> t.status() == 20).map(JackyunDataSet.Transfer::allocateNo).toList());
        assertThat(intoTwo).isNotEmpty().extracting(Transfer::allocateNo).containsExactlyElementsOf(
                sim().data().transfers().stream().filter(t -> t.inWarehouseCode().equals("WH000002"))
                        .map(JackyunDataSet.Transfer::allocateNo).toList());
        assertThat(sim().recentRequests()).anySatisfy(f -> assertThat(f.get("bizcontent")).contains("\"status\":20"))
                .anySatisfy(f -> assertThat(f.get("bizcontent")).contains("\"inWarehouseCode\":\"WH000002\""));
    }

    @Test
    void transfers_whenTheGatewayRepeatsAFullPageForEver_stopWithPagingException() {
        sim().faults().every(1, JackyunFault.endlessPaging());

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> client().transfers()
                .list(TransferQuery.builder().pageSize(5).build()).forEach(t -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("吉客云 erp.allocate.get page 2 repeated page 1's 5 records");
    }

    @Test
    void purchaseReceipts_areTheInboundDocumentsOfType101() {
        List<StockDocument> docs = client().stockDocuments().purchaseReceipts(StockDocumentQuery.modifiedBetween(
                at(MAY), at(JUNE))).stream().toList();

        assertThat(docs).extracting(StockDocument::goodsdocNo).containsExactlyElementsOf(
                sim().data().documents(JackyunDataSet.Direction.INBOUND).stream().filter(d -> d.inouttype().equals("101"))
                        .map(JackyunDataSet.StockDocument::goodsdocNo).toList());
        assertThat(docs).hasSize(40).allSatisfy(d -> assertThat(d.inouttypeName()).isEqualTo("采购入库"));
    }
}
