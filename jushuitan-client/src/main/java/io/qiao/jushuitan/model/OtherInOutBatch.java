package io.qiao.jushuitan.model;

import java.time.LocalDateTime;

/** Batch lines of an {@link OtherInOut}; present only when 生产批次管理 is enabled. */
public record OtherInOutBatch(String batchNo, String skuId, int qty, LocalDateTime productDate, String supplierId,
                              String supplierName) {
}
