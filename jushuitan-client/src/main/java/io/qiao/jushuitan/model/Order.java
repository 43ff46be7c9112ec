package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** An order from {@code /open/orders/single/query} (VENDORS.md 1.9). */
public record Order(
        long oId,
        String soId,
        Long shopId,
        String shopName,
        String status,
        LocalDateTime orderDate,
        LocalDateTime payDate,
        LocalDateTime sendDate,
        LocalDateTime modified,
        LocalDateTime created,
        Long wmsCoId,
        String lId,
        String lcId,
        String logisticsCompany,
        BigDecimal payAmount,
        BigDecimal paidAmount,
        BigDecimal freight,
        String receiverName,
        String receiverMobile,
        String receiverState,
        String receiverCity,
        String receiverDistrict,
        String receiverAddress,
        Long ts,
        String labels,
        String remark,
        String questionType,
        List<OrderItem> items,
        List<OrderPay> pays) {

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
        pays = pays == null ? List.of() : List.copyOf(pays);
    }
}
