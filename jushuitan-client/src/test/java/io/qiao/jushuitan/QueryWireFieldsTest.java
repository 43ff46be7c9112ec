package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.InventoryQuery;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.OtherInOutRequest;
import io.qiao.jushuitan.model.PurchaseInQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each query and request type reaches the wire with every field it holds, as the vendor spells it. */
class QueryWireFieldsTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b.limitsEnforced(false));

    private static final Instant BEGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-02T00:00:00.5Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JushuitanClient client;

    @BeforeEach
    void client(JushuitanSimulator sim) {
        client = JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();
    }

    private static JsonNode lastBiz(JushuitanSimulator sim, String path) throws Exception {
        List<String> sent = sim.recentBiz(path);
        assertThat(sent).as("requests sent to " + path).isNotEmpty();
        return JSON.readTree(sent.get(sent.size() - 1));
    }

    @Test
    void orderQuery_sendsItsFiltersAndRangeInShanghaiWallTime(JushuitanSimulator sim) throws Exception {
        client.orders().list(OrderQuery.builder().modifiedBetween(BEGIN, END).dateType(OrderQuery.DateType.SEND_DATE)
                .shopId(7).status("Sent").build()).stream().findFirst();

        JsonNode biz = lastBiz(sim, Orders.QUERY);
        assertThat(biz.path("shop_id").asLong()).isEqualTo(7);
        assertThat(biz.path("status").asText()).isEqualTo("Sent");
        assertThat(biz.path("date_type").asInt()).isEqualTo(3);
        assertThat(biz.path("modified_begin").asText()).isEqualTo("2026-01-01 08:00:00");
        assertThat(biz.path("modified_end").asText()).as("end rounded up to whole seconds")
                .isEqualTo("2026-01-02 08:00:01");
    }

    @Test
    void orderQuery_byIds_sendsTheIdsAndNoRange(JushuitanSimulator sim) throws Exception {
        client.orders().list(OrderQuery.builder().soIds(List.of("SO-1")).oIds(List.of(11L)).build()).stream()
                .findFirst();

        JsonNode biz = lastBiz(sim, Orders.QUERY);
        assertThat(biz.path("so_ids").toString()).isEqualTo("[\"SO-1\"]");
        assertThat(biz.path("o_ids").toString()).isEqualTo("[11]");
        assertThat(biz.has("modified_begin")).isFalse();
        assertThat(biz.has("date_type")).as("MODIFIED is the vendor's default").isFalse();
    }

    @Test
    void otherInOutQuery_sendsTypesStatusWarehouseAndIoIdsAsStrings(JushuitanSimulator sim) throws Exception {
        client.otherInOuts().list(OtherInOutQuery.builder().modifiedBetween(BEGIN, END)
                .dateType(OtherInOutQuery.DateType.IO_DATE).types(OtherInOutQuery.TYPE_OTHER_IN)
                .status(OtherInOutQuery.STATUS_CONFIRMED).wmsCoId(10002).build()).stream().findFirst();
        client.otherInOuts().list(OtherInOutQuery.builder().ioIds(List.of(5L, 6L)).build()).stream().findFirst();

        List<String> sent = sim.recentBiz(OtherInOuts.QUERY);
        JsonNode ranged = JSON.readTree(sent.get(sent.size() - 2));
        assertThat(ranged.path("types").toString()).isEqualTo("[\"其它进仓\"]");
        assertThat(ranged.path("status").asText()).isEqualTo("Confirmed");
        assertThat(ranged.path("date_type").asInt()).isEqualTo(2);
        assertThat(ranged.path("wms_co_id").asLong()).isEqualTo(10002);
        assertThat(ranged.path("modified_begin").asText()).isEqualTo("2026-01-01 08:00:00");
        assertThat(lastBiz(sim, OtherInOuts.QUERY).path("io_ids").toString()).isEqualTo("[\"5\",\"6\"]");
    }

    @Test
    void inventoryQuery_sendsSkuAndItemIdsAsOneCommaSeparatedString(JushuitanSimulator sim) throws Exception {
        client.inventories().list(InventoryQuery.builder().modifiedBetween(BEGIN, END).wmsCoId(3)
                .skuIds(List.of("A", "B")).iIds(List.of("I1")).hasLockQty(true).build()).stream().findFirst();

        JsonNode biz = lastBiz(sim, Inventories.QUERY);
        assertThat(biz.path("sku_ids").asText()).isEqualTo("A,B");
        assertThat(biz.path("i_ids").asText()).isEqualTo("I1");
        assertThat(biz.path("wms_co_id").asLong()).isEqualTo(3);
        assertThat(biz.path("has_lock_qty").asBoolean()).isTrue();
    }

    @Test
    void purchaseInQuery_sendsStatusesUnderTheVendorsSpelling(JushuitanSimulator sim) throws Exception {
        client.purchaseIns().list(PurchaseInQuery.builder().modifiedBetween(BEGIN, END).byIoDate(true)
                .poIds(List.of(1L)).ioIds(List.of(2L)).soIds(List.of("S")).statuses("WaitConfirm", "Confirmed")
                .build()).stream().findFirst();

        JsonNode biz = lastBiz(sim, PurchaseIns.QUERY);
        assertThat(biz.path("statuss").toString()).isEqualTo("[\"WaitConfirm\",\"Confirmed\"]");
        assertThat(biz.path("date_type").asInt()).isEqualTo(2);
        assertThat(biz.path("po_ids").toString()).isEqualTo("[1]");
        assertThat(biz.path("io_ids").toString()).isEqualTo("[2]");
        assertThat(biz.path("so_ids").toString()).isEqualTo("[\"S\"]");
    }

    @Test
    void otherInOutRequest_sendsEveryFieldAndEveryLineField(JushuitanSimulator sim) throws Exception {
        client.otherInOuts().create(OtherInOutRequest.builder("EXT-W1", OtherInOutRequest.Direction.OUT).warehouse(3)
                .wmsCoId(10002).remark("盘亏").confirm(true).drpCoName("D").label("L1")
                .item(new OtherInOutRequest.Item("SKU-001", 2, "B1", LocalDate.of(2026, 1, 1),
                        LocalDate.of(2027, 1, 1), "SUP", new BigDecimal("9.50"), List.of("SN1"), "line"))
                .build());

        JsonNode biz = lastBiz(sim, OtherInOuts.UPLOAD);
        assertThat(biz.path("external_id").asText()).isEqualTo("EXT-W1");
        assertThat(biz.path("type").asText()).isEqualTo("out");
        assertThat(biz.path("warehouse").asInt()).isEqualTo(3);
        assertThat(biz.path("wms_co_id").asLong()).isEqualTo(10002);
        assertThat(biz.path("remark").asText()).isEqualTo("盘亏");
        assertThat(biz.path("is_confirm").asBoolean()).isTrue();
        assertThat(biz.path("drp_co_name").asText()).isEqualTo("D");
        assertThat(biz.path("labels").toString()).isEqualTo("[\"L1\"]");
        JsonNode line = biz.path("items").get(0);
        assertThat(line.path("sku_id").asText()).isEqualTo("SKU-001");
        assertThat(line.path("qty").asInt()).isEqualTo(2);
        assertThat(line.path("batch_id").asText()).isEqualTo("B1");
        assertThat(line.path("produced_date").asText()).isEqualTo("2026-01-01");
        assertThat(line.path("expiration_date").asText()).isEqualTo("2027-01-01");
        assertThat(line.path("supplier_id").asText()).isEqualTo("SUP");
        assertThat(line.path("sale_price").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(line.path("sku_sns").toString()).isEqualTo("[\"SN1\"]");
        assertThat(line.path("remark").asText()).isEqualTo("line");
    }

    @Test
    void otherInOutRequest_inDirection_sendsIn(JushuitanSimulator sim) throws Exception {
        client.otherInOuts().create(OtherInOutRequest.builder("EXT-W2", OtherInOutRequest.Direction.IN).warehouse(1)
                .remark("r").item("SKU-001", 1).build());

        JsonNode biz = lastBiz(sim, OtherInOuts.UPLOAD);
        assertThat(biz.path("type").asText()).isEqualTo("in");
        assertThat(biz.has("wms_co_id")).isFalse();
        assertThat(biz.has("labels")).isFalse();
    }
}
