package io.qiao.jackyun.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One SKU (规格) of a goods record (货品档案) from {@code erp.storage.goodslist} ({@code result.data.goods[]}): the
 * method returns one row per SKU, the goods fields repeated on each. Fields and their meaning are those of the
 * vendor's doc page (a copy of it, VENDORS.md 2.1; "返回字段数：168", the ones most integrations map are typed
 * here, the custom {@code goodsField1..50}/{@code skuField1..30} are not); the list key {@code goods}, ids sent as
 * text, flags as 0/1 and date-times as epoch milliseconds were seen live by antgit2024/ai-costing-system
 * ({@code backend/src/integrations/jackyun/api/goods.py}). Date-times are Asia/Shanghai wall time.
 *
 * @param blockup     {@code isBlockup}: the goods is disabled (货品停用)
 * @param skuBlockup  {@code skuIsBlockup}: this SKU is disabled (规格停用)
 * @param deleted     {@code isDelete}; deleted goods come back only when the query asks for them
 *                    ({@link SkuQuery.Builder#includeDeleted})
 * @param packageGood {@code isPackageGood}: a bundle (组合装)
 * @param goodsAttr   货品属性: 1 成品, 2 半成品, 3 原料, 4 包装材料, 5 辅料, 6 资产, 7 耗材, 8 服务, 9 设备, 10 备件, 11 费用
 * @param retailPrice 固定成本价 (the vendor's label for this field, despite its name)
 * @param skuWeight   重量 in grams
 */
public record Sku(
        Long goodsId,
        String goodsNo,
        String goodsName,
        long skuId,
        String skuName,
        String skuNo,
        String skuBarcode,
        String skuCode,
        String unitName,
        Integer cateId,
        String cateName,
        String cateFullName,
        Integer brandId,
        String brandName,
        @JsonProperty("isBlockup") boolean blockup,
        @JsonProperty("skuIsBlockup") boolean skuBlockup,
        @JsonProperty("isDelete") Boolean deleted,
        @JsonProperty("isPackageGood") Boolean packageGood,
        Integer goodsAttr,
        BigDecimal retailPrice,
        BigDecimal skuWeight,
        Long warehouseId,
        String warehouseName,
        Long defaultVendId,
        String defaultVendName,
        LocalDateTime gmtCreate,
        LocalDateTime skuGmtCreate,
        LocalDateTime goodsGmtModified,
        LocalDateTime skuGmtModified) {
}
