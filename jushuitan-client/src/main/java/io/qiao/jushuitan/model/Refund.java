package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A 售后单 (after-sale: return, refund, exchange...) from {@code /open/refund/single/query} (退货退款查询). Fields
 * from the vendor's field list as ieu/jst-java copies it ({@code JstQuerySingleRefundResponse}); flowerfine/carp
 * reads the same list key {@code datas}. Times are Asia/Shanghai wall-clock.
 *
 * <p><b>[INFER]</b> ids are {@code long} (Integer in ieu); {@code ts}, the row version, is a number here as in the
 * other APIs, while ieu declares it a string (a numeric string is read too).
 *
 * @param status      WaitConfirm 待确认, Confirmed 已确认, Cancelled 作废, Merged 被合并
 * @param type        普通退货, 其它, 拒收退货, 仅退款, 投诉, 补发, 换货, 维修
 * @param goodStatus  BUYER_NOT_RECEIVED, BUYER_RECEIVED, BUYER_RETURNED_GOODS, SELLER_RECEIVED
 * @param shopStatus  the platform's state (WAIT_SELLER_AGREE, SUCCESS, CLOSED...)
 * @param refund      退款金额 (退货金额 + 卖家应补)
 * @param payment     补偿金额 (换货金额 + 买家应补)
 * @param node        售后线下备注
 */
public record Refund(
        long asId,
        LocalDateTime asDate,
        String outerAsId,
        Long oId,
        String soId,
        String type,
        String status,
        String shopStatus,
        String goodStatus,
        String orderStatus,
        String orderType,
        String questionType,
        String refundPhase,
        String result,
        Long shopId,
        String shopName,
        String shopType,
        String shopBuyerId,
        String warehouse,
        Long whId,
        Long wmsCoId,
        String logisticsCompany,
        String lId,
        BigDecimal refund,
        BigDecimal payment,
        BigDecimal freeAmount,
        BigDecimal freight,
        BigDecimal shopFreight,
        BigDecimal buyerApplyRefund,
        BigDecimal receiveRefund,
        BigDecimal buyerReceiveRefund,
        String currency,
        String receiverName,
        String receiverMobile,
        Long drpCoIdFrom,
        Long drpCoIdTo,
        String labels,
        List<String> orderLabels,
        String remark,
        String node,
        String creatorName,
        Integer refundVersion,
        LocalDateTime confirmDate,
        LocalDateTime created,
        LocalDateTime modified,
        Long ts,
        List<RefundItem> items,
        List<OtherInOutBatch> batchs,
        List<OtherInOutSn> sns) {

    public Refund {
        orderLabels = orderLabels == null ? List.of() : List.copyOf(orderLabels);
        items = items == null ? List.of() : List.copyOf(items);
        batchs = batchs == null ? List.of() : List.copyOf(batchs);
        sns = sns == null ? List.of() : List.copyOf(sns);
    }
}
