package io.qiao.testkit.jushuitan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The deterministic records of a simulator: the same seed, start and size always give the same records.
 *
 * <p>The other in/out documents are built to catch paging and windowing bugs: one at the very start, one at
 * every whole day and every seventh day after it (the edges of typical sync windows and of the vendor's 7-day
 * cap), one a second before each seventh day, and a run of {@value #TIE_RUN} documents sharing one
 * {@code modified} second, so that equal timestamps straddle a 50-record page boundary.
 *
 * <p>By default (see {@link JushuitanSimulator.Builder}) 1,000 documents, orders (one per 20 documents, at least
 * 30), 250 inventory rows, purchase-ins (one per 40, at least 30), 销售出库 and 售后单 (one per 20, at least 30 each),
 * 采购单 (one per 40, at least 30), the 200 SKUs of 商品资料 and 3 warehouses, modified in
 * {@code [2024-05-01 00:00, 2024-05-29 00:00)} Asia/Shanghai: a query for "the last 7 days" finds nothing unless
 * the simulator was built with {@link JushuitanSimulator.Builder#recentData() recentData()}, which moves the same
 * records to the 28 days ending at the simulator clock's now.
 */
public final class JushuitanDataSet {
    static final int TIE_RUN = 60;
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] TYPES = {"其它进仓", "其它进仓", "其它进仓", "其它出库", "其它出库", "其它退货"};
    private static final String[] WAREHOUSES = {"主仓", "销退仓", "进货仓"};
    static final long FIRST_IO_ID = 10_000_001L;
    static final int SKUS = 200;

    private final LocalDateTime start;
    private final Duration span;
    private final List<SimDocument> otherInOut;
    private final List<SimDocument> orders;
    private final List<SimDocument> inventory;
    private final List<SimDocument> purchaseIn;
    private final List<SimDocument> orderOuts;
    private final List<SimDocument> skuRecords;
    private final List<SimDocument> purchases;
    private final List<SimDocument> refunds;
    private final List<SimDocument> warehouses;

    JushuitanDataSet(ObjectMapper mapper, long seed, LocalDateTime start, Duration span, int documents) {
        this.start = start;
        this.span = span;
        this.otherInOut = generateOtherInOut(mapper, new Random(seed), documents);
        this.orders = generateOrders(mapper, new Random(seed + 1), Math.max(30, documents / 20));
        this.inventory = generateInventory(mapper, new Random(seed + 2), 250);
        this.purchaseIn = generatePurchaseIn(mapper, new Random(seed + 3), Math.max(30, documents / 40));
        this.orderOuts = generateOrderOuts(mapper, new Random(seed + 4), Math.max(30, documents / 20));
        this.skuRecords = generateSkus(mapper, new Random(seed + 5));
        this.purchases = generatePurchases(mapper, new Random(seed + 6), Math.max(30, documents / 40));
        this.refunds = generateRefunds(mapper, new Random(seed + 7), Math.max(30, documents / 20));
        this.warehouses = generateWarehouses(mapper);
    }

    /** The first instant (Shanghai local) a record can be modified at. */
    public LocalDateTime start() {
        return start;
    }

    /** Every record is modified in {@code [start, start + span)}. */
    public LocalDateTime end() {
        return start.plus(span);
    }

    /** The other in/out documents as generated (before uploads or touches), sorted by modified then io_id. */
    public List<SimDocument> otherInOut() {
        return otherInOut;
    }

    public List<SimDocument> orders() {
        return orders;
    }

    public List<SimDocument> inventory() {
        return inventory;
    }

    public List<SimDocument> purchaseIn() {
        return purchaseIn;
    }

    public List<SimDocument> warehouses() {
        return warehouses;
    }

    /** 销售出库 documents ({@code /open/orders/out/simple/query}), one per 20 other in/out documents, at least 30. */
    public List<SimDocument> orderOuts() {
        return orderOuts;
    }

    /**
     * 商品资料 ({@code /open/sku/query}): the 200 SKUs of {@link #skus()}, each modified once in the data
     * span; {@code id} is the vendor's {@code autoid}, {@code ioDate} the created time (a week to a year earlier),
     * {@code soId} the sku_id.
     */
    public List<SimDocument> skuRecords() {
        return skuRecords;
    }

    /**
     * 采购单 ({@code /open/purchase/query}), one per 40 other in/out documents, at least 30; {@code id} is the po_id,
     * matching the po_id of the purchase-in with the same index; {@code soId} the external id ({@code PO-EXT-n}).
     */
    public List<SimDocument> purchases() {
        return purchases;
    }

    /**
     * 售后单 ({@code /open/refund/single/query}), one per 20 other in/out documents, at least 30; {@code id} is the
     * as_id, {@code type} the after-sale type, {@code soId} the original order's so_id.
     */
    public List<SimDocument> refunds() {
        return refunds;
    }

    /** Every SKU the documents' items may use (SKU-001 .. SKU-200), with the name and unit the items carry. */
    public List<SimSku> skus() {
        List<SimSku> skus = new ArrayList<>(SKUS);
        for (int sku = 1; sku <= SKUS; sku++) {
            skus.add(new SimSku(skuCode(sku), String.format("STYLE-%02d", sku % 40), "商品" + sku, "件"));
        }
        return List.copyOf(skus);
    }

    static String skuCode(int sku) {
        return String.format("SKU-%03d", sku);
    }

    private List<LocalDateTime> otherInOutTimes(Random random, int count) {
        List<LocalDateTime> times = new ArrayList<>();
        long spanSeconds = span.toSeconds();
        times.add(start);
        for (long d = 1; d * 86_400 < spanSeconds && times.size() < count; d++) {
            times.add(start.plusDays(d));
            if (d % 7 == 0 && times.size() < count) {
                times.add(start.plusDays(d).minusSeconds(1));
            }
        }
        LocalDateTime tie = start.plusSeconds(Math.min(spanSeconds - 1, 86_400 + 12 * 3600));
        for (int i = 0; i < TIE_RUN && times.size() < count; i++) {
            times.add(tie);
        }
        while (times.size() < count) {
            times.add(start.plusSeconds((long) (random.nextDouble() * spanSeconds)));
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    private List<SimDocument> generateOtherInOut(ObjectMapper mapper, Random random, int count) {
        List<LocalDateTime> times = otherInOutTimes(random, count);
        List<SimDocument> docs = new ArrayList<>(count);
        for (int i = 0; i < times.size(); i++) {
            long ioId = FIRST_IO_ID + i;
            LocalDateTime modified = times.get(i);
            LocalDateTime ioDate = modified.minusMinutes(random.nextInt(180));
            String type = TYPES[random.nextInt(TYPES.length)];
            int s = random.nextInt(20);
            String status = s < 17 ? "Confirmed" : s < 19 ? "WaitConfirm" : "Cancelled";
            long wmsCoId = 10_001 + random.nextInt(2);
            String soId = "EXT-" + ioId;
            docs.add(new SimDocument(ioId, modified, ioDate, type, status, soId, wmsCoId,
                    otherInOutJson(mapper, random, ioId, modified, ioDate, type, status, soId, wmsCoId)));
        }
        return List.copyOf(docs);
    }

    static ObjectNode otherInOutJson(ObjectMapper mapper, Random random, long ioId, LocalDateTime modified,
                                     LocalDateTime ioDate, String type, String status, String soId, long wmsCoId) {
        ObjectNode d = mapper.createObjectNode();
        int wh = random.nextInt(WAREHOUSES.length);
        d.put("io_id", ioId);
        d.put("io_date", FORMAT.format(ioDate));
        d.put("status", status);
        d.put("so_id", soId);
        d.put("type", type);
        d.put("f_status", "WaitConfirm");
        d.put("warehouse", WAREHOUSES[wh]);
        d.put("wh_id", wh + 1);
        d.put("wms_co_id", wmsCoId);
        d.put("remark", ioId % 7 == 0 ? "月底盘点" : "");
        d.put("modified", FORMAT.format(modified));
        d.put("created", FORMAT.format(ioDate));
        d.put("creator_name", "仓管" + (1 + ioId % 5));
        d.put("labels", "");
        d.put("receiver_name", "");
        d.put("drop_co_name", "");
        ArrayNode items = d.putArray("items");
        int lines = 1 + random.nextInt(3);
        for (int j = 1; j <= lines; j++) {
            int sku = 1 + random.nextInt(SKUS);
            int qty = 1 + random.nextInt(20);
            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
            ObjectNode item = items.addObject();
            item.put("ioi_id", ioId * 10 + j);
            item.put("io_id", ioId);
            item.put("sku_id", skuCode(sku));
            item.put("i_id", String.format("STYLE-%02d", sku % 40));
            item.put("name", "商品" + sku);
            item.put("unit", "件");
            item.put("properties_value", (sku % 2 == 0 ? "红" : "蓝") + ";" + (sku % 3 == 0 ? "XL" : "M"));
            item.put("qty", qty);
            item.put("cost_price", price);
            item.put("cost_amount", price.multiply(BigDecimal.valueOf(qty)).setScale(2, RoundingMode.HALF_UP));
            item.put("sale_price", 0);
            item.put("sale_amount", 0);
            item.put("remark", "");
        }
        d.putArray("batchs");
        d.putArray("sns");
        return d;
    }

    private List<SimDocument> generateOrders(ObjectMapper mapper, Random random, int count) {
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            long oId = 50_000_001L + i;
            LocalDateTime modified = times.get(i);
            LocalDateTime orderDate = modified.minusHours(random.nextInt(48));
            String status = i % 5 == 0 ? "WaitConfirm" : "Sent";
            ObjectNode o = mapper.createObjectNode();
            o.put("o_id", oId);
            o.put("so_id", "TB-" + oId);
            o.put("shop_id", 1001);
            o.put("shop_name", "旗舰店");
            o.put("status", status);
            o.put("order_date", FORMAT.format(orderDate));
            o.put("modified", FORMAT.format(modified));
            o.put("created", FORMAT.format(orderDate));
            o.put("wms_co_id", 10_001);
            BigDecimal amount = BigDecimal.valueOf(1_000 + random.nextInt(100_000), 2);
            o.put("pay_amount", amount);
            o.put("paid_amount", amount);
            o.put("freight", BigDecimal.ZERO);
            o.put("ts", 900_000L + i);
            ArrayNode items = o.putArray("items");
            ObjectNode item = items.addObject();
            item.put("oi_id", oId * 10 + 1);
            item.put("sku_id", String.format("SKU-%03d", 1 + random.nextInt(200)));
            item.put("name", "商品");
            item.put("qty", 1 + random.nextInt(3));
            item.put("price", amount);
            item.put("amount", amount);
            o.putArray("pays");
            out.add(new SimDocument(oId, modified, orderDate, null, status, "TB-" + oId, 10_001, o));
        }
        return List.copyOf(out);
    }

    private List<SimDocument> generateInventory(ObjectMapper mapper, Random random, int count) {
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            ObjectNode n = mapper.createObjectNode();
            String sku = String.format("SKU-%03d", i + 1);
            n.put("sku_id", sku);
            n.put("i_id", String.format("STYLE-%02d", (i + 1) % 40));
            n.put("name", "商品" + (i + 1));
            n.put("qty", random.nextInt(1_000));
            n.put("order_lock", random.nextInt(20));
            n.put("pick_lock", 0);
            n.put("customize_qty_1", 0);
            n.put("modified", FORMAT.format(times.get(i)));
            n.put("ts", 700_000L + i);
            out.add(new SimDocument(i + 1, times.get(i), null, null, null, sku, 10_001, n));
        }
        return List.copyOf(out);
    }

    private List<SimDocument> generatePurchaseIn(ObjectMapper mapper, Random random, int count) {
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            long ioId = 30_000_001L + i;
            ObjectNode p = mapper.createObjectNode();
            p.put("io_id", ioId);
            p.put("po_id", 20_000_001L + i);
            p.put("supplier_id", 501);
            p.put("supplier_name", "华东供应商");
            p.put("warehouse", "主仓");
            p.put("wh_id", 1);
            p.put("wms_co_id", 10_001);
            p.put("status", "Confirmed");
            p.put("io_date", FORMAT.format(times.get(i)));
            p.put("modified", FORMAT.format(times.get(i)));
            ArrayNode items = p.putArray("items");
            ObjectNode item = items.addObject();
            item.put("ioi_id", ioId * 10 + 1);
            item.put("io_id", ioId);
            item.put("sku_id", String.format("SKU-%03d", 1 + random.nextInt(200)));
            item.put("qty", 1 + random.nextInt(100));
            item.put("cost_price", BigDecimal.valueOf(500 + random.nextInt(5_000), 2));
            out.add(new SimDocument(ioId, times.get(i), times.get(i), null, "Confirmed", null, 10_001, p));
        }
        return List.copyOf(out);
    }

    /** Shapes from ieu/jst-java JstQueryOrderOutSimpleResponse (the vendor's field list); values invented. */
    private List<SimDocument> generateOrderOuts(ObjectMapper mapper, Random random, int count) {
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            long ioId = 40_000_001L + i;
            ObjectNode o = mapper.createObjectNode();
            o.put("co_id", 8_001);
            o.put("shop_id", 16_001);
            o.put("shop_name", "天猫旗舰店");
            o.put("io_id", ioId);
            o.put("o_id", 50_000_001L + i);
            o.put("so_id", "TB" + (900_000_001L + i));
            o.put("status", "Confirmed");
            o.put("order_type", "普通订单");
            o.put("io_date", FORMAT.format(times.get(i)));
            o.put("created", FORMAT.format(times.get(i).minusHours(2)));
            o.put("modified", FORMAT.format(times.get(i)));
            o.put("wms_co_id", 10_001);
            o.put("l_id", "SF" + (1_000_000_001L + i));
            o.put("lc_id", "SF");
            o.put("logistics_company", "顺丰速运");
            o.put("receiver_state", "浙江省");
            o.put("receiver_city", "杭州市");
            o.put("ts", 7_000_001L + i);
            ArrayNode items = o.putArray("items");
            int lines = 1 + random.nextInt(2);
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 1; l <= lines; l++) {
                ObjectNode item = items.addObject();
                int sku = 1 + random.nextInt(SKUS);
                int qty = 1 + random.nextInt(5);
                BigDecimal price = BigDecimal.valueOf(990 + random.nextInt(9_000), 2);
                BigDecimal amount = price.multiply(BigDecimal.valueOf(qty));
                total = total.add(amount);
                item.put("ioi_id", ioId * 10 + l);
                item.put("oi_id", Long.toString((50_000_001L + i) * 10 + l));
                item.put("sku_id", skuCode(sku));
                item.put("i_id", String.format("STYLE-%02d", sku % 40));
                item.put("name", "商品" + sku);
                item.put("properties_value", "默认");
                item.put("unit", "件");
                item.put("qty", qty);
                item.put("sale_price", price);
                item.put("sale_amount", amount);
                item.put("is_gift", false);
            }
            o.put("pay_amount", total);
            o.put("paid_amount", total);
            o.put("freight", BigDecimal.ZERO);
            out.add(new SimDocument(ioId, times.get(i), times.get(i), null, "Confirmed", "TB" + (900_000_001L + i),
                    10_001, o));
        }
        return List.copyOf(out);
    }

    /** Shapes from ieu/jst-java JstQuerySkuResponse (the vendor's field list); values invented. */
    private List<SimDocument> generateSkus(ObjectMapper mapper, Random random) {
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, SKUS);
        for (int i = 0; i < SKUS; i++) {
            int sku = i + 1;
            LocalDateTime modified = times.get(i);
            LocalDateTime created = modified.minusDays(7 + random.nextInt(358)).withNano(0);
            ObjectNode o = mapper.createObjectNode();
            o.put("sku_id", skuCode(sku));
            o.put("i_id", String.format("STYLE-%02d", sku % 40));
            o.put("name", "商品" + sku);
            o.put("short_name", "品" + sku);
            o.put("properties_value", "默认");
            o.put("sale_price", BigDecimal.valueOf(990 + random.nextInt(9_000), 2));
            o.put("cost_price", BigDecimal.valueOf(500 + random.nextInt(5_000), 2));
            o.put("c_id", 1_000 + sku % 10);
            o.put("category", "分类" + sku % 10);
            o.put("enabled", sku % 50 == 0 ? -1 : 1);
            o.put("weight", BigDecimal.valueOf(100 + random.nextInt(900), 3));
            o.put("unit", "件");
            o.put("sku_type", "normal");
            o.put("item_type", "成品");
            o.put("sku_code", "69" + String.format("%011d", sku));
            o.put("supplier_id", "SUP-" + (501 + sku % 3));
            o.put("supplier_name", "华东供应商");
            o.put("is_series_number", sku % 7 == 0);
            o.put("creator", 9_001);
            o.put("created", FORMAT.format(created));
            o.put("modified", FORMAT.format(modified));
            o.put("autoid", sku);
            out.add(new SimDocument(sku, modified, created, null, null, skuCode(sku), 0, o));
        }
        out.sort(Comparator.comparing(SimDocument::modified).thenComparingLong(SimDocument::id));
        return List.copyOf(out);
    }

    /** Shapes from ieu/jst-java JstQueryPurchaseResponse (the vendor's field list); values invented. */
    private List<SimDocument> generatePurchases(ObjectMapper mapper, Random random, int count) {
        String[] statuses = {"Confirmed", "Confirmed", "Finished", "WaitConfirm", "Cancelled"};
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            long poId = 20_000_001L + i;
            LocalDateTime modified = times.get(i);
            LocalDateTime poDate = modified.minusHours(1 + random.nextInt(48));
            String status = statuses[i % statuses.length];
            String external = "PO-EXT-" + (i + 1);
            ObjectNode o = mapper.createObjectNode();
            o.put("po_id", poId);
            o.put("po_date", FORMAT.format(poDate));
            o.put("so_id", external);
            o.put("status", status);
            o.put("supplier_id", 501);
            o.put("seller", "华东供应商");
            o.put("tax_rate", 13);
            o.put("purchaser_name", "采购员A");
            o.put("wms_co_id", 10_001);
            o.put("receive_status", "Finished".equals(status) ? "Received" : "Not_Received");
            o.put("freight", BigDecimal.ZERO);
            o.put("modified", FORMAT.format(modified));
            ArrayNode items = o.putArray("items");
            int lines = 1 + random.nextInt(3);
            for (int l = 1; l <= lines; l++) {
                int sku = 1 + random.nextInt(SKUS);
                int qty = 10 + random.nextInt(200);
                ObjectNode item = items.addObject();
                item.put("poi_id", poId * 10 + l);
                item.put("po_id", poId);
                item.put("sku_id", skuCode(sku));
                item.put("i_id", String.format("STYLE-%02d", sku % 40));
                item.put("name", "商品" + sku);
                item.put("qty", qty);
                item.put("price", BigDecimal.valueOf(500 + random.nextInt(5_000), 2));
                item.put("tax_rate", 13);
                item.put("delivery_date", FORMAT.format(poDate.plusDays(7)));
                item.put("in_qty", "Finished".equals(status) ? qty : 0);
                item.put("return_qty", 0);
                item.put("is_delivery", 0);
            }
            out.add(new SimDocument(poId, modified, poDate, null, status, external, 10_001, o));
        }
        return List.copyOf(out);
    }

    /** Shapes from ieu/jst-java JstQuerySingleRefundResponse (the vendor's field list); values invented. */
    private List<SimDocument> generateRefunds(ObjectMapper mapper, Random random, int count) {
        String[] types = {"普通退货", "普通退货", "仅退款", "换货", "补发"};
        String[] statuses = {"Confirmed", "Confirmed", "WaitConfirm", "Cancelled"};
        String[] goods = {"BUYER_RETURNED_GOODS", "SELLER_RECEIVED", "BUYER_NOT_RECEIVED"};
        List<SimDocument> out = new ArrayList<>();
        List<LocalDateTime> times = randomTimes(random, count);
        for (int i = 0; i < count; i++) {
            long asId = 70_000_001L + i;
            LocalDateTime modified = times.get(i);
            LocalDateTime asDate = modified.minusHours(1 + random.nextInt(72));
            String type = types[i % types.length];
            String status = statuses[i % statuses.length];
            String soId = "TB" + (900_000_001L + i);
            ObjectNode o = mapper.createObjectNode();
            o.put("as_id", asId);
            o.put("as_date", FORMAT.format(asDate));
            o.put("outer_as_id", "RF" + (800_000_001L + i));
            o.put("o_id", 50_000_001L + i);
            o.put("so_id", soId);
            o.put("type", type);
            o.put("status", status);
            o.put("shop_status", "SUCCESS");
            o.put("good_status", goods[i % goods.length]);
            o.put("order_status", "Sent");
            o.put("shop_id", 16_001);
            o.put("shop_name", "天猫旗舰店");
            o.put("shop_buyer_id", "buyer" + (i % 7));
            o.put("warehouse", "销退仓");
            o.put("wh_id", 2);
            o.put("wms_co_id", 10_001);
            o.put("created", FORMAT.format(asDate));
            o.put("modified", FORMAT.format(modified));
            o.put("ts", 8_000_001L + i);
            ArrayNode items = o.putArray("items");
            int lines = 1 + random.nextInt(2);
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 1; l <= lines; l++) {
                int sku = 1 + random.nextInt(SKUS);
                int qty = 1 + random.nextInt(3);
                BigDecimal price = BigDecimal.valueOf(990 + random.nextInt(9_000), 2);
                BigDecimal amount = price.multiply(BigDecimal.valueOf(qty));
                total = total.add(amount);
                ObjectNode item = items.addObject();
                item.put("asi_id", asId * 10 + l);
                item.put("as_id", asId);
                item.put("sku_id", skuCode(sku));
                item.put("i_id", String.format("STYLE-%02d", sku % 40));
                item.put("name", "商品" + sku);
                item.put("qty", qty);
                item.put("r_qty", "SELLER_RECEIVED".equals(o.get("good_status").asText()) ? qty : 0);
                item.put("price", price);
                item.put("amount", amount);
                item.put("type", "仅退款".equals(type) ? "其它" : "退货");
                item.put("is_gift", false);
            }
            o.put("refund", total);
            o.put("payment", BigDecimal.ZERO);
            out.add(new SimDocument(asId, modified, asDate, type, status, soId, 10_001, o));
        }
        return List.copyOf(out);
    }

    private static List<SimDocument> generateWarehouses(ObjectMapper mapper) {
        List<SimDocument> out = new ArrayList<>();
        String[] names = {"杭州主仓", "广州分仓", "成都分仓"};
        for (int i = 0; i < names.length; i++) {
            ObjectNode w = mapper.createObjectNode();
            w.put("name", names[i]);
            w.put("co_id", 8_001);
            w.put("wms_co_id", 10_001 + i);
            w.put("is_main", i == 0);
            w.put("status", "生效");
            out.add(new SimDocument(10_001 + i, null, null, null, null, null, 10_001 + i, w));
        }
        return List.copyOf(out);
    }

    private List<LocalDateTime> randomTimes(Random random, int count) {
        List<LocalDateTime> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(start.plusSeconds((long) (random.nextDouble() * span.toSeconds())));
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }
}
