package io.qiao.testkit.jackyun;

import java.util.Objects;

/**
 * The credentials a {@link JackyunSimulator} accepts: what a Jackyun client needs besides the
 * {@linkplain JackyunSimulator#endpoint() endpoint} (plain strings: the testkit depends on no Qiao client code).
 *
 * @param appKey    the {@code appkey}
 * @param appSecret the secret requests are signed with
 * @param isvToken  the ISV {@code token} every request must carry, or {@code null} when none is required
 */
public record JackyunSimulatorCredentials(String appKey, String appSecret, String isvToken) {
    public JackyunSimulatorCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
    }

    /** Names the app key only: the secret and the token stay out of logs and assertion messages. */
    @Override
    public String toString() {
        return "JackyunSimulatorCredentials{appKey=" + appKey + ", appSecret=***"
                + (isvToken == null ? "" : ", isvToken=***") + "}";
    }
}
