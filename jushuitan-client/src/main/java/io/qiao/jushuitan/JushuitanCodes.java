package io.qiao.jushuitan;

/**
 * The open platform's business codes (VENDORS.md 1.6). They arrive inside an HTTP 200 answer; only
 * {@link #SUCCESS} is success. Beware {@link #RATE_LIMIT_PER_MINUTE}: code 200 means throttled here.
 */
public final class JushuitanCodes {
    /** 执行成功. */
    public static final int SUCCESS = 0;
    /** 无效签名: the sign did not verify, usually a wrong app secret. */
    public static final int INVALID_SIGN = 10;
    /** 无效的access_token或access_token已过期. */
    public static final int INVALID_TOKEN = 100;
    /** 该IP不在白名单列表. */
    public static final int IP_NOT_WHITELISTED = 110;
    /** 无效的timestamp: more than 10-15 minutes away from the vendor's clock. */
    public static final int INVALID_TIMESTAMP = 140;
    /** 服务商应用禁止刷新access_token: ISV apps must be re-authorised by the merchant (since 2023-08-15). */
    public static final int REFRESH_FORBIDDEN = 150;
    /** 无API权限. */
    public static final int NO_API_PERMISSION = 190;
    /** 调用频次超过限制: more than 5 requests in a second. */
    public static final int RATE_LIMIT_PER_SECOND = 199;
    /** 调用频次超过限制: more than 100 requests in a minute. */
    public static final int RATE_LIMIT_PER_MINUTE = 200;

    private JushuitanCodes() {
    }

    /** Whether {@code code} is a throttling refusal: the call was not processed and may be repeated later. */
    public static boolean isThrottling(int code) {
        return code == RATE_LIMIT_PER_SECOND || code == RATE_LIMIT_PER_MINUTE;
    }
}
