package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Secret;
import io.qiao.kis.KisGatewayCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Path B (VENDORS.md 3.3): {@code GET /jdyconnector/app_management/kingdee_auth_token?app_key=&app_signature=}
 * gives an {@code app-token} (sent as {@code KIS-AuthData}) that is valid until {@code expires}. When the router
 * address or the app key are not configured they are first read from {@code push_app_authorize}.
 *
 * <p>{@code expires} is epoch milliseconds: the doc copy says so and the one real answer published
 * (lishye/KingdeeApigwclient README) has {@code "expires":1767470851000}; public notes give the app-token 24 hours.
 * <b>[INFER]</b> A value that looks like epoch seconds, or a small number (a lifetime in seconds, as
 * {@code expires_in}), is accepted too, in case another gateway version answers so; no source shows one.
 */
public final class AppTokenAuthenticator extends KisAuthFlow {
    static final String TOKEN_PATH = "/jdyconnector/app_management/kingdee_auth_token";
    static final String AUTHORIZE_PATH = "/jdyconnector/app_management/push_app_authorize";

    private final KisGatewayCredentials credentials;
    private final KisHttp gateway;
    private volatile String appKey;
    private volatile Secret appSecret;
    private volatile String routerAddress;

    public AppTokenAuthenticator(KisGatewayCredentials credentials, KisHttp gateway, Clock clock) {
        super(clock);
        this.credentials = credentials;
        this.gateway = gateway;
        this.appKey = credentials.appKey();
        this.appSecret = credentials.appSecret();
        this.routerAddress = credentials.routerAddress();
    }

    @Override
    protected AuthContext refresh(AuthContext previous) {
        if (routerAddress == null || appKey == null) {
            discover();
        }
        Map<String, String> q = KisHttp.query("app_key", appKey,
                "app_signature", GatewaySigner.appSignature(appKey, appSecret), "uid", credentials.uid());
        JsonNode data = gateway.execute(gateway.get("kingdee_auth_token", TOKEN_PATH, q).idempotent(true).build());
        String token = KisEnvelope.text(data.get("app-token"));
        if (token == null || token.isEmpty()) {
            throw new DecodeException("kingdee_auth_token", "no app-token in the answer", "", null);
        }
        return new AuthContext(token, routerAddress, KisEnvelope.text(data.get("access_token")),
                expiry(data.path("expires")));
    }

    private Instant expiry(JsonNode expires) {
        Instant now = clock().instant();
        if (!expires.canConvertToLong() && !expires.isTextual()) {
            return now.plus(Duration.ofHours(1)); // undocumented absence: assume the usual lifetime, renew on refusal
        }
        long v;
        try {
            v = expires.isTextual() ? Long.parseLong(expires.asText().trim()) : expires.asLong();
        } catch (NumberFormatException e) {
            throw new DecodeException("kingdee_auth_token", "expires is not a number: " + expires.asText(), "", e);
        }
        if (v > 100_000_000_000L) return Instant.ofEpochMilli(v);
        if (v > 1_000_000_000L) return Instant.ofEpochSecond(v);
        return now.plus(Json.lifetime("kingdee_auth_token", "expires", v));
    }

    /** Reads the account's router address (and the app key and secret, if not configured) from push_app_authorize. */
    private void discover() {
        JsonNode data = gateway.execute(gateway.post("push_app_authorize", AUTHORIZE_PATH,
                KisHttp.query("outerInstanceId", credentials.outerInstanceId()), Map.of()).idempotent(true).build());
        JsonNode first = data.isArray() ? data.path(0) : data;
        String domain = KisEnvelope.text(first.get("domain"));
        if (domain == null) {
            throw new DecodeException("push_app_authorize", "no domain for outerInstanceId "
                    + credentials.outerInstanceId(), "", null);
        }
        if (routerAddress == null) routerAddress = domain;
        if (appKey == null) {
            String key = KisEnvelope.text(first.get("appKey"));
            String secret = KisEnvelope.text(first.get("appSecret"));
            if (key == null || secret == null) {
                throw new DecodeException("push_app_authorize", "no appKey/appSecret in the answer", "", null);
            }
            appKey = key;
            appSecret = Secret.of(remember(secret));
        }
    }
}
