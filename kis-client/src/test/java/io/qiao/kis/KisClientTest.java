package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.bill;
import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ApiException;
import io.qiao.client.Secret;
import io.qiao.client.TransportException;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptDetail;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KisClientTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    @BeforeAll
    static void catalogue() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        sim.addMaterial("SKU-A", "商品A", "PCS", Map.of("F_103", "jst-A"));
        sim.addMaterial("SKU-B", "商品B", "PCS", Map.of("F_103", "jst-B"));
    }

    private KisClient client() {
        return clientFor(KIS.simulator()).build();
    }

    @Test
    void create_storesTheBillAsSent_andReturnsIdAndBillNo() {
        BillRef ref = client().miscellaneousReceipts().create(bill("JST-1001", "SKU-A", "SKU-B"));

        assertThat(ref.created()).isTrue();
        assertThat(ref.billNo()).isEqualTo("JST-1001");
        SimulatedBill stored = KIS.simulator().bill("JST-1001").orElseThrow();
        assertThat(ref.id()).isEqualTo(stored.id());
        assertThat(stored.head()).containsEntry("Fdate", "2024-05-02").containsEntry("FTranType", 10)
                .containsEntry("FDCStockID", "001");
        assertThat(stored.entries()).extracting(e -> e.get("FItemID")).containsExactly("SKU-A", "SKU-B");
        assertThat(stored.entries().get(1)).containsEntry("FQty", 2).containsEntry("FPlanMode", 14036);
    }

    @Test
    void create_withADateTime_storesFdateWithTheT_andReadsItBack() {
        MiscellaneousReceipt bill = bill("JST-1002", "SKU-A").toBuilder()
                .date(java.time.LocalDateTime.of(2024, 5, 2, 13, 45, 10)).build();

        BillRef ref = client().miscellaneousReceipts().create(bill);

        assertThat(KIS.simulator().bill("JST-1002").orElseThrow().head()).containsEntry("Fdate", "2024-05-02T13:45:10");
        assertThat(client().miscellaneousReceipts().get(ref.id()).orElseThrow().bill().dateTime())
                .isEqualTo(java.time.LocalDateTime.of(2024, 5, 2, 13, 45, 10));
    }

    @Test
    void create_invalidBill_failsLocallyNamingTheField_withoutARequest() {
        MiscellaneousReceipt bad = bill("JST-1", "SKU-A").toBuilder().date((LocalDate) null).build();

        assertThatThrownBy(() -> client().miscellaneousReceipts().create(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Head.Fdate is required");
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isZero();
    }

    @Test
    void create_refusedByKis_carriesTheVendorDescription() {
        assertThatThrownBy(() -> client().miscellaneousReceipts().create(bill("JST-2", "NO-SUCH-SKU")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("10201");
                    assertThat(e.vendorMessage()).contains("第1行分录").contains("FItemID").contains("NO-SUCH-SKU");
                });
    }

    @Test
    void create_sameBillNoTwice_returnsTheStoredBill_withoutADuplicate() {
        KisClient kis = client();
        BillRef first = kis.miscellaneousReceipts().create(bill("JST-3", "SKU-A"));

        BillRef second = kis.miscellaneousReceipts().create(bill("JST-3", "SKU-A"));

        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
    }

    @Test
    void create_whenTheResponseIsLostAfterKisStoredIt_findsTheBill_andDoesNotCreateItAgain() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

        BillRef ref = client().miscellaneousReceipts().create(bill("JST-4", "SKU-A"));

        assertThat(ref.created()).isFalse();
        assertThat(ref.billNo()).isEqualTo("JST-4");
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isEqualTo(1);
    }

    @Test
    void create_whenTheGatewayFailsAfterKisStoredIt_findsTheBill() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.GATEWAY_ERROR_AFTER_PROCESSING);

        BillRef ref = client().miscellaneousReceipts().create(bill("JST-5", "SKU-A"));

        assertThat(ref.created()).isFalse();
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
    }

    @Test
    void create_whenKisFailedBeforeStoring_looksUp_thenSendsAgain() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.UNAVAILABLE_BEFORE_PROCESSING);

        BillRef ref = client().miscellaneousReceipts().create(bill("JST-6", "SKU-A"));

        assertThat(ref.created()).isTrue();
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(2);
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isEqualTo(1);
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
    }

    @Test
    void create_whenTheConnectionIsResetBeforeKisStoredIt_looksUp_thenSendsAgain() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.RESET_BEFORE_PROCESSING);

        BillRef ref = client().miscellaneousReceipts().create(bill("JST-6R", "SKU-A"));

        assertThat(ref.created()).isTrue();
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(2);
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isEqualTo(1);
    }

    @Test
    void create_throttled_isRepeatedWithoutALookup_sinceKisRefusedItUnprocessed() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.THROTTLED);

        BillRef ref = client().miscellaneousReceipts().create(bill("JST-6T", "SKU-A"));

        assertThat(ref.created()).isTrue();
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(2);
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isZero();
    }

    @Test
    void create_whenEveryAttemptFails_givesUpAfterTheRetryBudget() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.BUSY, KisFault.BUSY, KisFault.BUSY);

        assertThatThrownBy(() -> client().miscellaneousReceipts().create(bill("JST-7", "SKU-A")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.vendorMessage()).contains("繁忙"));
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(3);
        assertThat(KIS.simulator().billCount()).isZero();
    }

    @Test
    void create_withoutBillNo_isNotRepeatedOnceItMayHaveReachedKis() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);
        MiscellaneousReceipt unnumbered = bill(null, "SKU-A");

        assertThatThrownBy(() -> client().miscellaneousReceipts().create(unnumbered))
                .isInstanceOf(TransportException.class);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(1);
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
    }

    @Test
    void create_withoutBillNo_letsKisNumberIt() {
        BillRef ref = client().miscellaneousReceipts().create(bill(null, "SKU-A"));

        assertThat(ref.billNo()).startsWith("QTRK");
    }

    @Test
    void createIfAbsent_andLookupBeforeCreate_skipTheCreateForAStoredBill() {
        KisClient kis = client();
        kis.miscellaneousReceipts().create(bill("JST-8", "SKU-A"));

        BillRef again = kis.miscellaneousReceipts().createIfAbsent(bill("JST-8", "SKU-A"));
        BillRef viaOption = clientFor(KIS.simulator()).lookupBeforeCreate(true).build()
                .miscellaneousReceipts().create(bill("JST-8", "SKU-A"));

        assertThat(again.created()).isFalse();
        assertThat(viaOption.created()).isFalse();
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(1);
    }

    @Test
    void list_pagesThroughAllBills_andGetReadsOneBack() {
        KisClient kis = client();
        for (int i = 0; i < 5; i++) {
            kis.miscellaneousReceipts().create(bill("JST-L" + i, "SKU-A", "SKU-B"));
        }

        List<MiscellaneousReceiptSummary> all = kis.miscellaneousReceipts().list(MiscellaneousReceiptQuery.all().withPageSize(2)).stream().toList();
        MiscellaneousReceiptDetail detail = kis.miscellaneousReceipts().get(all.get(3).id()).orElseThrow();

        assertThat(all).extracting(MiscellaneousReceiptSummary::billNo).containsExactly("JST-L0", "JST-L1", "JST-L2", "JST-L3", "JST-L4");
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isEqualTo(3);
        assertThat(detail.bill().billNo()).isEqualTo("JST-L3");
        assertThat(detail.bill().date()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(detail.bill().entries()).extracting(e -> e.itemId()).containsExactly("SKU-A", "SKU-B");
        assertThat(kis.miscellaneousReceipts().findByBillNo("JST-L2")).isPresent();
        assertThat(kis.miscellaneousReceipts().findByBillNo("nope")).isEmpty();
    }

    @Test
    void lookupByBillNo_onAServerThatIgnoresTheFilter_checksEveryRow_andStillPreventsADuplicate() {
        KisSimulator sim = KisSimulator.builder().ignoreListFilters(true).start();
        try {
            sim.addMaterial("SKU-A", "A", "PCS");
            KisClient kis = clientFor(sim).build();
            for (int i = 0; i < 7; i++) {
                kis.miscellaneousReceipts().create(bill("IGN-" + i, "SKU-A"));
            }
            sim.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

            BillRef ref = kis.miscellaneousReceipts().create(bill("IGN-7", "SKU-A"));

            assertThat(ref.created()).isFalse();
            assertThat(ref.id()).isEqualTo(sim.bill("IGN-7").orElseThrow().id());
            assertThat(kis.miscellaneousReceipts().findByBillNo("IGN-3")).map(MiscellaneousReceiptSummary::billNo).contains("IGN-3");
            assertThat(sim.billCount()).isEqualTo(8);
        } finally {
            sim.stop();
        }
    }

    @Test
    void materials_listPagesUntilTotalPages() {
        KisSimulator sim = KisSimulator.create().start();
        try {
            for (int i = 0; i < 25; i++) {
                sim.addMaterial("M" + i, "物料" + i, "PCS");
            }
            KisClient kis = clientFor(sim).build();

            List<Material> all = kis.materials().list(MaterialQuery.all().withPageSize(10)).stream().toList();

            assertThat(all).hasSize(25);
            assertThat(all.get(24).number()).isEqualTo("M24");
            assertThat(all.get(24).itemId()).isEqualTo(25);
            assertThat(sim.calls(KisOperation.LIST_MATERIALS)).isEqualTo(3);
        } finally {
            sim.stop();
        }
    }

    @Test
    void catalog_loadsOnce_andFindsByNumberOrByACustomField() {
        KisClient kis = client();

        MaterialCatalog byNumber = kis.materials().catalogByNumber();
        assertThat(byNumber.find("SKU-A")).map(Material::name).contains("商品A");
        assertThat(byNumber.find("SKU-B")).map(Material::unitId).contains("PCS");
        assertThat(byNumber.find("SKU-Z")).isEmpty();
        assertThat(kis.materials().catalog("F_103").find("jst-B")).map(Material::number).contains("SKU-B");

        assertThat(byNumber.loads()).isEqualTo(1);
        assertThat(kis.materials().catalogByNumber()).isSameAs(byNumber);
        assertThat(KIS.simulator().calls(KisOperation.LIST_MATERIALS)).isEqualTo(2);
    }

    @Test
    void call_rawPath_returnsTheEnvelopeData() {
        JsonNode data = client().call("/koas/APP006992/api/Material/List", Map.of("CurrentPage", 1, "ItemsOfPage", 1),
                true);

        assertThat(data.get("TotalPages").asInt()).isEqualTo(2);
        assertThat(data.get("List").get(0).get("FNumber").asText()).isEqualTo("SKU-A");
    }

    @Test
    void wrongClientSecret_isRefusedWithHttp519AndAHint() {
        KisClient kis = KisClient.builder().endpoint(KIS.simulator().endpoint()).retry(KisTestSupport.NO_WAIT)
                .gatewayCredentials(KisGatewayCredentials.of(KisSimulator.DEFAULT_CLIENT_ID, Secret.of("wrong"),
                        KisSimulator.DEFAULT_APP_KEY, Secret.of(KisSimulator.DEFAULT_APP_SECRET),
                        KisSimulator.DEFAULT_ROUTER_ADDRESS)).build();

        assertThatThrownBy(() -> kis.materials().list(MaterialQuery.all()).stream().toList())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(519);
                    assertThat(e.getMessage()).contains("signature").doesNotContain("wrong");
                });
    }

    @Test
    void wrongAppSecret_isRefusedAtTheTokenCall() {
        KisClient kis = KisClient.builder().endpoint(KIS.simulator().endpoint()).retry(KisTestSupport.NO_WAIT)
                .gatewayCredentials(KisGatewayCredentials.of(KisSimulator.DEFAULT_CLIENT_ID,
                        Secret.of(KisSimulator.DEFAULT_CLIENT_SECRET), KisSimulator.DEFAULT_APP_KEY,
                        Secret.of("not-the-app-secret"), KisSimulator.DEFAULT_ROUTER_ADDRESS)).build();

        assertThatThrownBy(() -> kis.miscellaneousReceipts().findByBillNo("x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.operation()).isEqualTo("kingdee_auth_token"));
        assertThat(KIS.simulator().signatureFailures()).anyMatch(s -> s.contains("app_signature"));
    }

    @Test
    void routerAddressAndAppKey_canBeDiscoveredThroughPushAppAuthorize() {
        KisClient kis = KisClient.builder().endpoint(KIS.simulator().endpoint()).retry(KisTestSupport.NO_WAIT)
                .gatewayCredentials(KisGatewayCredentials.builder().clientId(KisSimulator.DEFAULT_CLIENT_ID)
                        .clientSecret(Secret.of(KisSimulator.DEFAULT_CLIENT_SECRET))
                        .outerInstanceId(KisSimulator.DEFAULT_OUTER_INSTANCE_ID).build()).build();

        assertThat(kis.miscellaneousReceipts().create(bill("JST-D", "SKU-A")).created()).isTrue();
        assertThat(KIS.simulator().calls(KisOperation.PUSH_APP_AUTHORIZE)).isEqualTo(1);
    }

    @Test
    void reads_areRetriedAfterThrottlingAndBusyAnswers() {
        KIS.simulator().injectFault(KisOperation.LIST_RECEIPTS, KisFault.THROTTLED, KisFault.UNAVAILABLE_BEFORE_PROCESSING);

        assertThat(client().miscellaneousReceipts().findByBillNo("none")).isEmpty();
        assertThat(KIS.simulator().calls(KisOperation.LIST_RECEIPTS)).isEqualTo(3);
    }

    @Test
    void builder_withoutCredentials_saysWhatIsMissing() {
        assertThatThrownBy(() -> KisClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("credentials(KisCredentials.gateway(").hasMessageContaining("KisCredentials.sessionBuilder()");
        assertThatThrownBy(() -> KisGatewayCredentials.builder().clientId("c").build())
                .hasMessageContaining("clientSecret").hasMessageContaining("appKey").hasMessageContaining("routerAddress");
    }

    @Test
    void toString_neverShowsSecrets() {
        KisClient kis = client();

        assertThat(kis.toString()).doesNotContain(KisSimulator.DEFAULT_CLIENT_SECRET)
                .doesNotContain(KisSimulator.DEFAULT_APP_SECRET);
    }
}
