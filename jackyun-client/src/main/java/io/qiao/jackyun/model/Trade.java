package io.qiao.jackyun.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A sales order (销售单) from {@code oms.trade.fullinfoget} ({@code result.data.trades[]}). Only the fields
 * requested in {@code fields} are filled. {@code tradeStatus}: 1010 待审核 … 6000 发货在途, 9090 已完成, 5010 已取消.
 */
public record Trade(
        long tradeId,
        String tradeNo,
        Integer tradeStatus,
        Integer tradeType,
        Long shopId,
        String shopName,
        Long warehouseId,
        String warehouseCode,
        String warehouseName,
        BigDecimal payment,
        LocalDateTime gmtCreate,
        LocalDateTime gmtModified,
        LocalDateTime payTime,
        LocalDateTime consignTime,
        List<Goods> goodsDetail) {

    public Trade {
        goodsDetail = goodsDetail == null ? List.of() : List.copyOf(goodsDetail);
    }

    /** One line of {@code goodsDetail}. */
    public record Goods(
            String goodsNo,
            String goodsName,
            String specName,
            String barcode,
            BigDecimal sellCount,
            String unit,
            BigDecimal sellPrice,
            BigDecimal sellTotal) {
    }
}
