package io.qiao.jackyun.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An inbound or outbound stock document (出入库单) from {@code erp.storage.goodsdocin.v2} /
 * {@code erp.storage.goodsdocout.v2}, with its goods lines ({@code goodsDocDetailList}).
 *
 * <p>Only the fields named in {@code selelctFields} come back; the others are null. {@code inouttype} is the
 * vendor's document type code (e.g. 104 其他入库, 204 其他出库) and {@code redStatus} its red/blue flag.
 */
public record StockDocument(
        Long recId,
        String goodsdocNo,
        LocalDateTime inOutDate,
        String inouttype,
        String inouttypeName,
        String warehouseCode,
        String warehouseName,
        String companyName,
        String billNo,
        String sourceBillNo,
        String vendCustomerName,
        String logisticNo,
        String logisticName,
        String redStatus,
        String goodsdocRemark,
        LocalDateTime gmtCreate,
        LocalDateTime gmtModified,
        @JsonProperty("goodsDocDetailList") List<Line> lines) {

    public StockDocument {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One goods line of a document. {@code baceCurrency...} is the vendor's spelling. */
    public record Line(
            String goodsNo,
            String goodsName,
            String skuName,
            String skuBarcode,
            String unitName,
            BigDecimal quantity,
            String batchNo,
            @JsonProperty("baceCurrencyCostPrice") BigDecimal costPrice,
            @JsonProperty("baceCurrencyCostAmount") BigDecimal costAmount) {
    }
}
