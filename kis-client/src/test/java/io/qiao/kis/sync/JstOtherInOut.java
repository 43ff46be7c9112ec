package io.qiao.kis.sync;

import java.math.BigDecimal;
import java.util.List;

/**
 * A document shaped like Jushuitan's {@code /open/other/inout/query} record (VENDORS.md 1.8), for testing the sink
 * without the jushuitan client (vendor modules never depend on each other).
 */
record JstOtherInOut(long io_id, String io_date, String type, int wh_id, String remark, List<Item> items) {
    record Item(long ioi_id, String sku_id, int qty, BigDecimal cost_price, BigDecimal cost_amount, String remark) {
    }

    static Item item(long ioiId, String sku, int qty, String price) {
        BigDecimal p = new BigDecimal(price);
        return new Item(ioiId, sku, qty, p, p.multiply(BigDecimal.valueOf(qty)), "");
    }
}
