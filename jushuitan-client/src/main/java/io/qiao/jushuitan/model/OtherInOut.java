package io.qiao.jushuitan.model;

import io.qiao.client.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An 其它出入库 document from {@code /open/other/inout/query} (VENDORS.md 1.8). Times are Asia/Shanghai
 * wall-clock times as the vendor sends them; {@link #modifiedInstant()} gives the instant.
 */
public record OtherInOut(
        long ioId,
        LocalDateTime ioDate,
        String status,
        String soId,
        String type,
        /** 财务状态; the JSON key {@code f_status} is inferred from the SDK field name. */
        String fStatus,
        String warehouse,
        String receiverName,
        String receiverMobile,
        String receiverState,
        String receiverCity,
        String receiverDistrict,
        String receiverAddress,
        Long whId,
        String remark,
        LocalDateTime modified,
        LocalDateTime created,
        String labels,
        Long wmsCoId,
        String creatorName,
        Long waveId,
        String dropCoName,
        String inoutUser,
        String lId,
        String lcId,
        String logisticsCompany,
        Long lockWhId,
        String lockWhName,
        List<OtherInOutItem> items,
        List<OtherInOutBatch> batchs,
        List<OtherInOutSn> sns) {

    public OtherInOut {
        items = items == null ? List.of() : List.copyOf(items);
        batchs = batchs == null ? List.of() : List.copyOf(batchs);
        sns = sns == null ? List.of() : List.copyOf(sns);
    }

    /** {@link #modified()} as an instant, or null when the vendor sent none. */
    public Instant modifiedInstant() {
        return modified == null ? null : modified.atZone(Json.SHANGHAI).toInstant();
    }
}
