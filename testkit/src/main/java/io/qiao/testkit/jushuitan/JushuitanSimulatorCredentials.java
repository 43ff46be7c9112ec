package io.qiao.testkit.jushuitan;

import java.util.Objects;

/**
 * The credentials a {@link JushuitanSimulator} accepts: what a 聚水潭 client needs besides the
 * {@linkplain JushuitanSimulator#endpoint() endpoint} (plain strings: the testkit depends on no Qiao client code).
 *
 * @param appKey            the {@code app_key}
 * @param appSecret         the {@code app_secret} signs are checked with
 * @param authorizationCode the code {@code /openWeb/auth/accessToken} accepts (ISV flow)
 */
public record JushuitanSimulatorCredentials(String appKey, String appSecret, String authorizationCode) {
    public JushuitanSimulatorCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
    }

    /** Names the app key only: the secret and the code stay out of logs and assertion messages. */
    @Override
    public String toString() {
        return "JushuitanSimulatorCredentials{appKey=" + appKey + ", appSecret=***, authorizationCode=***}";
    }
}
