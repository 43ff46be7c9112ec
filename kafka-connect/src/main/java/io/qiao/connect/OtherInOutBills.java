package io.qiao.connect;

import io.qiao.client.Json;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.sync.MiscellaneousReceiptMapper;
import io.qiao.sync.record.Lookup;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * Pipeline 2's mapping (the samples' {@code JushuitanOtherInOutToKis}) from a 聚水潭 其它出入库 record as the
 * {@code jushuitan.other-in-out} source writes it (the SDK's field names: {@code ioId}, {@code ioDate},
 * {@code whId}, {@code items[].skuId}, ...) to a KIS 其他入库单: FBillNo = ioId (what makes every write idempotent),
 * Fdate = ioDate, FDCStockID from {@code qiao.kis.stock-ids}, one entry per item with FItemID and unit resolved from
 * the sku through the material lookup, FQty = qty, FAuxPrice = costPrice, Famount = costAmount.
 */
final class OtherInOutBills implements MiscellaneousReceiptMapper<Map<String, Object>> {
    private final Map<Long, String> stockIds;

    OtherInOutBills(Map<Long, String> stockIds) {
        this.stockIds = stockIds;
    }

    @Override
    public MiscellaneousReceipt map(Map<String, Object> doc, Lookup<String, Material> materials) {
        Object ioId = required(doc, "ioId");
        Object ioDate = required(doc, "ioDate");
        MiscellaneousReceipt.Builder bill = MiscellaneousReceipt.builder()
                .billNo(ioId.toString())
                .date(Json.parseDateTime(ioDate.toString()))
                .warehouseId(stockId(doc.get("whId")));
        Object remark = doc.get("remark");
        if (remark != null && !remark.toString().isBlank()) {
            bill.note(remark.toString());
        }
        if (!(required(doc, "items") instanceof List<?> items) || items.isEmpty()) {
            throw new DataException("items: must be a non-empty list");
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new DataException("items[" + i + "]: not an object");
            }
            Object sku = item.get("skuId");
            if (sku == null || sku.toString().isBlank()) {
                throw new DataException("items[" + i + "].skuId: is required");
            }
            Material m = materials.require(sku.toString(), "KIS material for sku_id");
            bill.entry(MiscellaneousReceiptEntry.builder()
                    .itemId(Long.toString(m.itemId()))
                    .unitId(m.unitId())
                    .qty(decimal(item.get("qty"), "items[" + i + "].qty"))
                    .auxPrice(item.get("costPrice") == null ? null : decimal(item.get("costPrice"), "costPrice"))
                    .amount(item.get("costAmount") == null ? null : decimal(item.get("costAmount"), "costAmount"))
                    .build());
        }
        return bill.build();
    }

    private String stockId(Object whId) {
        if (whId == null) {
            return null;
        }
        long id = Long.parseLong(whId.toString());
        String mapped = stockIds.get(id);
        return mapped != null ? mapped : String.format("%03d", id);
    }

    private static Object required(Map<String, Object> doc, String field) {
        Object v = doc.get(field);
        if (v == null) {
            throw new DataException(field + ": is required");
        }
        return v;
    }

    private static BigDecimal decimal(Object v, String field) {
        try {
            return new BigDecimal(v.toString());
        } catch (RuntimeException e) {
            throw new DataException(field + ": '" + v + "' is not a number");
        }
    }
}
