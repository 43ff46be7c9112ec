package io.qiao.jackyun;

import java.util.Map;

/**
 * The {@code inouttype} codes of Jackyun stock documents (出入库类型) that public integrations read, with their names
 * ({@code inouttypeName}). A growable set: a code not listed here still comes back in
 * {@link io.qiao.jackyun.model.StockDocument#inouttype()} and can be filtered on.
 *
 * <p>Source: an ERPNext connector of the live API (index file 70953204296, VENDORS.md 2.8), which filters 采购入库 101 /
 * 销售退货 105 from the inbound list and 销售出库 201 / 采购退货 205 from the outbound one, and maps the other types
 * below; 104/204 also in VENDORS.md 2.8. No code for 调拨入库/调拨出库 was found: transfers are read as bills of their
 * own, {@link Transfers}.
 */
public final class StockDocumentTypes {
    /** 采购入库 (purchase receipt). */
    public static final String PURCHASE_IN = "101";
    /** 盘盈入库 (stocktake surplus). */
    public static final String STOCKTAKE_SURPLUS_IN = "103";
    /** 其他入库 (other receipt). */
    public static final String OTHER_IN = "104";
    /** 销售退货 (sales return, inbound). */
    public static final String SALES_RETURN_IN = "105";
    /** 生产完工入库 (finished goods receipt). */
    public static final String PRODUCTION_IN = "106";
    /** 组装拆卸入库. */
    public static final String ASSEMBLY_IN = "107";
    /** 翻新入库. */
    public static final String REFURBISH_IN = "108";
    /** 报废入库. */
    public static final String SCRAP_IN = "109";
    /** 退料入库. */
    public static final String MATERIAL_RETURN_IN = "113";
    /** 生产其他入库. */
    public static final String PRODUCTION_OTHER_IN = "120";
    /** 销售出库 (sales delivery). */
    public static final String SALES_OUT = "201";
    /** 其他出库 (other issue). */
    public static final String OTHER_OUT = "204";
    /** 采购退货 (purchase return, outbound). */
    public static final String PURCHASE_RETURN_OUT = "205";
    /** 生产领料 (production issue). */
    public static final String PRODUCTION_ISSUE_OUT = "206";
    /** 翻新出库. */
    public static final String REFURBISH_OUT = "208";

    /** The names of the codes above, as {@code inouttypeName} spells them. */
    public static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(PURCHASE_IN, "采购入库"), Map.entry(STOCKTAKE_SURPLUS_IN, "盘盈入库"),
            Map.entry(OTHER_IN, "其他入库"), Map.entry(SALES_RETURN_IN, "销售退货"),
            Map.entry(PRODUCTION_IN, "生产完工入库"), Map.entry(ASSEMBLY_IN, "组装拆卸入库"),
            Map.entry(REFURBISH_IN, "翻新入库"), Map.entry(SCRAP_IN, "报废入库"),
            Map.entry(MATERIAL_RETURN_IN, "退料入库"), Map.entry(PRODUCTION_OTHER_IN, "生产其他入库"),
            Map.entry(SALES_OUT, "销售出库"), Map.entry(OTHER_OUT, "其他出库"),
            Map.entry(PURCHASE_RETURN_OUT, "采购退货"), Map.entry(PRODUCTION_ISSUE_OUT, "生产领料"),
            Map.entry(REFURBISH_OUT, "翻新出库"));

    private StockDocumentTypes() {
    }
}
