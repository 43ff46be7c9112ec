package io.qiao.jushuitan.model;

/** A warehouse (分仓) from {@code /open/wms/partner/query}; {@code wmsCoId} is what other APIs filter by. */
public record WarehousePartner(String name, Long coId, long wmsCoId, Boolean isMain, String status, String remark1,
                               String remark2) {
}
