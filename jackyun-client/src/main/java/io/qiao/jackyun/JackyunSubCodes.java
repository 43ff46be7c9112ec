package io.qiao.jackyun;

import java.util.Set;

/**
 * The Jackyun {@code subCode}s Qiao knows (VENDORS.md 2.4). An {@link io.qiao.client.ApiException} from this
 * client carries the subCode as {@code vendorCode()}, or the envelope {@code code} when the subCode is empty.
 */
public final class JackyunSubCodes {
    /** 签名错误: the appsecret is wrong, or the signed string differs from what was sent. */
    public static final String SIGNATURE_ERROR = "0858030801";
    /** appkey 不存在. */
    public static final String APPKEY_UNKNOWN = "0858030802";
    /** token 失效: the ISV authorisation token expired; the merchant must authorise again. */
    public static final String TOKEN_EXPIRED = "0858030803";
    /** 未查询到应用或应用未订阅此API: subscribe the method in the open-platform console. */
    public static final String API_NOT_SUBSCRIBED = "0130020310";
    /** 业务参数缺失/越界, e.g. a modified-time window longer than the method allows. */
    public static final String PARAMETER_OUT_OF_RANGE = "0050030002";
    /**
     * Treated as transient throttling / service unavailable and retried. That reading comes from one
     * integration project (antgit), not from Jackyun's docs.
     */
    public static final String BUSY = "0859999999";
    /**
     * Seen in a real capture as "该应用未开通开放平台" (the app is not enabled for the open platform); another
     * project reads it as "额度不足" (quota exhausted). Either way, retrying soon does not help.
     */
    public static final String APP_NOT_ENABLED_OR_QUOTA = "0130000609";
    /** 未知错误 (the doc's error example): a server-side failure, retried for reads. */
    public static final String UNKNOWN_ERROR = "0130020001";
    /** 条码重复: a per-row error of erp.goods.skuimport. */
    public static final String DUPLICATE_BARCODE = "0031310400";

    /**
     * 操作成功: the success answer of ERP-namespace methods such as {@code erp.storage.goodslist}
     * ({@code code 200}, {@code msg "操作成功"}), recorded from live traffic by the antgit2024/ai-costing-system
     * client ({@code backend/src/integrations/jackyun/client.py}, {@code _BUSINESS_OK_SUB_CODES}).
     */
    public static final String OPERATION_SUCCEEDED = "0030000004";

    /**
     * The subCode values that mean success; a missing or null subCode means success too. Sources: the official
     * doc examples ({@code ""}, with {@code code 200}); live traffic recorded by public clients ({@code "0"},
     * {@code "0000000000"}, {@code "00000000"}; {@code "200"} from OMS methods; {@value #OPERATION_SUCCEEDED} from
     * ERP methods). Any other subCode is an error carrying the subCode and the message, even with code 0 or 200.
     */
    public static final Set<String> SUCCESS = Set.of("", "0", "00000000", "0000000000", "200", OPERATION_SUCCEEDED);

    private JackyunSubCodes() {
    }
}
