package io.qiao.kis.internal;

import java.time.Instant;

/**
 * What a business call needs from authentication: the {@code KIS-AuthData} value, the {@code X-GW-Router-Addr},
 * the {@code access_token} query parameter (null when the flow has none) and when it stops being valid.
 */
public record AuthContext(String authData, String routerAddress, String accessToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "AuthContext{routerAddress=" + routerAddress + ", expiresAt=" + expiresAt + ", tokens=******}";
    }
}
