package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A 商品资料 record (one SKU) from {@code /open/sku/query} (商品查询). Fields from the vendor's field list as
 * ieu/jst-java copies it ({@code JstQuerySkuResponse.Datas}); flowerfine/carp reads the same API under the same
 * list key {@code datas}. The custom columns {@code other_price_1..10} and {@code other_1..10} are not modelled
 * (read them with {@code JushuitanClient.pages}). Times are Asia/Shanghai wall-clock.
 *
 * <p><b>[INFER]</b> {@code cId}, {@code creator} and {@code autoid} are {@code Long} here (Integer in ieu: ids can
 * outgrow 32 bits); {@code supplierId} is text as ieu declares it (供应商内部编码).
 *
 * @param enabled       1 启用, 0 备用, -1 禁用
 * @param stockDisabled 0 启用同步, 1 禁用同步, 2 部分禁用
 * @param autoid        the vendor's row id, stable when the sku_id is renamed
 */
public record Sku(
        String skuId,
        String iId,
        String name,
        String shortName,
        BigDecimal salePrice,
        BigDecimal costPrice,
        BigDecimal marketPrice,
        String propertiesValue,
        String color,
        Long cId,
        String category,
        String vcName,
        String brand,
        String pic,
        String picBig,
        Integer enabled,
        BigDecimal weight,
        BigDecimal l,
        BigDecimal w,
        BigDecimal h,
        String unit,
        String skuType,
        String itemType,
        String skuCode,
        String skuCodes,
        String supplierId,
        String supplierName,
        String supplierSkuId,
        String supplierIId,
        Integer shelfLife,
        String labels,
        String remark,
        Integer stockDisabled,
        String stockType,
        Boolean isSeriesNumber,
        String batchEnabled,
        String productionLicence,
        Long creator,
        LocalDateTime created,
        LocalDateTime modified,
        Long autoid) {
}
