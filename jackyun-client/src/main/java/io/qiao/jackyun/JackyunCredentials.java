package io.qiao.jackyun;

import io.qiao.client.Secret;
import java.util.Objects;

/**
 * The open-platform application's {@code appkey} and its secret. {@code toString()} masks the secret.
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
}
