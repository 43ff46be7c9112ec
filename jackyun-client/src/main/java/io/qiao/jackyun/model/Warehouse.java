package io.qiao.jackyun.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A warehouse from {@code erp.warehouse.get} ({@code result.data.warehouseInfo[]}). Fields as measured by
 * integrations ("实测", VENDORS.md 2.7); {@code gmtModified} is expected but not confirmed by any source, so it
 * may be null. Date-times are Asia/Shanghai wall time.
 *
 * @param blockup  {@code isBlockup}: the warehouse is disabled (停用); the vendor sends 0/1 as a number or text
 * @param deleted  {@code isDelete}, when sent
 * @param channels {@code salesList}: the sales channels the warehouse serves
 */
public record Warehouse(
        long warehouseId,
        String warehouseCode,
        String warehouseName,
        String warehouseTypeCode,
        String warehouseTypeName,
        @JsonProperty("isBlockup") boolean blockup,
        @JsonProperty("isDelete") Boolean deleted,
        @JsonProperty("warehouseCompanyId") Long companyId,
        @JsonProperty("warehouseCompanyCode") String companyCode,
        @JsonProperty("warehouseCompanyName") String companyName,
        @JsonProperty("warehouseDepartId") Long departmentId,
        @JsonProperty("warehouseDepartCode") String departmentCode,
        @JsonProperty("warehouseDepartName") String departmentName,
        String address,
        String tel,
        String linkMan,
        LocalDateTime gmtCreate,
        LocalDateTime gmtModified,
        @JsonProperty("salesList") List<SalesChannel> channels) {

    public Warehouse {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** One entry of {@code salesList}. */
    public record SalesChannel(Long warehouseId, Long channelId, String channelCode, String channelName) {
    }
}
