package io.qiao.jackyun;

import io.qiao.client.Secret;
import java.util.Objects;

/**
 * The open-platform application's {@code appkey} and its secret. Immutable; {@code toString()} masks the secret
 * ({@link Secret} prints as {@code ******}).
 */
public record JackyunCredentials(String appKey, Secret appSecret) {
    public JackyunCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        if (appKey.isBlank()) {
            throw new IllegalArgumentException("appKey must not be blank");
        }
    }

    public static JackyunCredentials of(String appKey, Secret appSecret) {
        return new JackyunCredentials(appKey, appSecret);
    }

    /** As {@link #of(String, Secret)}, from a plain secret string (e.g. read from a vault). */
    public static JackyunCredentials of(String appKey, String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("appSecret must not be blank");
        }
        return new JackyunCredentials(appKey, Secret.of(appSecret));
    }
}
