package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A 销售出库 document from {@code /open/orders/out/simple/query} (dev-doc docType=8 docId=34). Fields from the
 * vendor's field list as ieu/jst-java copies it ({@code JstQueryOrderOutSimpleResponse}); ids are {@code long}
 * (Integer there), {@code ts} the row version used as the incremental cursor. <b>[INFER]</b> the list key
 * {@code datas} follows ieu, flowerfine/carp and two JS/TS clients; one Python client reads {@code orders}, which is
 * read when {@code datas} is absent. Times are Asia/Shanghai wall-clock.
 */
public record OrderOut(
        long ioId,
        Long oId,
        String soId,
        Long coId,
        Long shopId,
        String shopName,
        String status,
        String orderType,
        LocalDateTime ioDate,
        LocalDateTime created,
        LocalDateTime modified,
        Long wmsCoId,
        String lId,
        String lcId,
        String logisticsCompany,
        Long waveId,
        BigDecimal payAmount,
        BigDecimal paidAmount,
        BigDecimal freeAmount,
        BigDecimal freight,
        BigDecimal weight,
        String receiverState,
        String receiverCity,
        String receiverDistrict,
        String receiverAddress,
        String receiverName,
        String buyerMessage,
        String remark,
        String labels,
        String mergeSoId,
        String drpCoIdFrom,
        String currency,
        Long ts,
        List<OrderOutItem> items,
        List<OtherInOutBatch> batchs,
        List<OtherInOutSn> sns) {

    public OrderOut {
        items = items == null ? List.of() : List.copyOf(items);
        batchs = batchs == null ? List.of() : List.copyOf(batchs);
        sns = sns == null ? List.of() : List.copyOf(sns);
    }
}
