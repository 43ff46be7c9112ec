package io.qiao.jackyun.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A transfer (调拨单) between two warehouses from {@code erp.allocate.get} ({@code result.data.stockAllocate[]}), with
 * its lines ({@code stockAllocateDetailViews}). No vendor doc page for this method was found; the list key and the
 * fields are those public callers of the live API bind (a Go sync of a BI project, a Python skill project, an ERPNext
 * connector's field list for {@code erp.allocate.search}), VENDORS.md 2.8. Statuses, amounts and date-times come as
 * numbers or text (date-times as {@code yyyy-MM-dd HH:mm:ss} or epoch milliseconds); all are accepted. Date-times are
 * Asia/Shanghai wall time.
 *
 * @param inWarehouseCode {@code intWarehouseCode} (the vendor's spelling in this answer, as the Go caller binds it);
 *                        {@code inWarehouseCode}, the request's and {@code erp.allocate.search}'s spelling, is accepted
 * @param status          see {@link TransferQuery#STATUS_COMPLETED} and its siblings [INFER: the values come from
 *                        one caller's comments]
 * @param outStatus       出库状态 [INFER: values not documented]
 * @param inStatus        入库状态; 3 = fully received in the Go caller's reading [INFER]
 * @param auditDate       审核时间, null before the audit
 */
public record Transfer(
        Long allocateId,
        String allocateNo,
        String outWarehouseCode,
        String outWarehouseName,
        @JsonProperty("intWarehouseCode") @JsonAlias("inWarehouseCode") String inWarehouseCode,
        @JsonProperty("intWarehouseName") @JsonAlias("inWarehouseName") String inWarehouseName,
        Integer status,
        Integer outStatus,
        Integer inStatus,
        Integer allocateType,
        String sourceNo,
        String memo,
        String reason,
        BigDecimal totalAmount,
        LocalDateTime gmtCreate,
        LocalDateTime gmtModified,
        LocalDateTime auditDate,
        @JsonProperty("stockAllocateDetailViews") List<Line> lines) {

    public Transfer {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * One goods line of a transfer.
     *
     * @param skuCount 调拨数量 (the planned quantity)
     * @param outCount 已出库数量
     * @param inCount  已入库数量
     */
    public record Line(
            Long allocateDetailId,
            Long goodsId,
            String goodsNo,
            String goodsName,
            Long skuId,
            String skuName,
            String skuBarcode,
            String outSkuCode,
            String unitName,
            BigDecimal skuCount,
            BigDecimal outCount,
            BigDecimal inCount,
            BigDecimal skuPrice,
            BigDecimal totalAmount,
            String rowRemark) {
    }
}
