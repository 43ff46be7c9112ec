package io.qiao.spring.boot;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the values of Qiao's secret properties in {@code /actuator/env} (keys such as
 * {@code qiao.jackyun.app-secret}) and {@code /actuator/configprops} (the same properties under their Java names,
 * such as {@code appSecret}): any key ending in secret, access token or webhook, however it is spelt
 * (app-secret, appSecret, APP_SECRET), and the console's token. Masking such keys of other libraries too is deliberate: erring towards
 * hiding is the safe side.
 */
public final class QiaoSanitizingFunction implements SanitizingFunction {

    @Override
    public SanitizableData apply(SanitizableData data) {
        return isSecretKey(data.getKey()) ? data.withSanitizedValue() : data;
    }

    /**
     * Whether a property key names a secret: its last part ends in secret, accesstoken or webhook, or it is the
     * console's token ({@code qiao.console.token}, {@code console.token} in configprops, {@code QIAO_CONSOLE_TOKEN}).
     * A bare {@code token} key elsewhere is not masked: many libraries use it for things that are not secrets.
     */
    static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        int dot = k.lastIndexOf('.');
        String last = dot < 0 ? k : k.substring(dot + 1);
        return last.endsWith("secret") || last.endsWith("accesstoken") || last.endsWith("webhook")
                || k.endsWith("console.token") || k.equals("qiaoconsoletoken");
    }
}
