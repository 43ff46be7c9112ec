package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.QiaoException;
import io.qiao.client.Request;
import io.qiao.kis.KisSessionCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Path A (VENDORS.md 3.2): the OAuth code is exchanged once for an {@code access_token} and a session
 * ({@code session_id}, {@code session_secret}); {@code get_service_gateway} then gives the {@code auth_data} and the
 * router address for the 账套. Later renewals use {@code refresh_auth_data} while its refresh token lasts, and
 * {@code refresh_login_access_token} + {@code get_service_gateway} after that. The {@code /koas/user/*} calls carry
 * the Kis-* headers and {@code KIS-Signature}.
 *
 * <p><b>[INFER]</b> The answer does not say how long {@code auth_data} lasts, and neither public caller of this flow
 * (a ruiapp MES {@code KingdeeSDK}, a Java integration) keeps it longer than the access token; it is renewed with
 * the access token, and a refusal renews it early.
 */
public final class UserSessionAuthenticator extends KisAuthFlow {
    private final KisSessionCredentials credentials;
    private final KisHttp http;
    private final String state;

    private volatile String sessionId;
    private volatile String sessionSecret;
    private volatile String accessToken;
    private volatile Instant sessionExpiresAt;
    private volatile Instant accessTokenExpiresAt;
    private volatile String refreshAuthDataToken;
    private volatile Instant refreshAuthDataExpiresAt;

    public UserSessionAuthenticator(KisSessionCredentials credentials, KisHttp http, Clock clock, String state) {
        super(clock);
        this.credentials = credentials;
        this.http = http;
        this.state = state;
    }

    @Override
    protected AuthContext refresh(AuthContext previous) {
        Instant now = clock().instant();
        if (sessionId == null) {
            exchangeCode();
            return serviceGateway();
        }
        if (refreshAuthDataToken != null && refreshAuthDataExpiresAt.isAfter(now)) {
            return refreshAuthData();
        }
        if (sessionExpiresAt.isAfter(now)) {
            refreshLogin();
            return serviceGateway();
        }
        throw new QiaoException("the KIS user session has expired; authorise the app again to get a new OAuth code");
    }

    private void exchangeCode() {
        JsonNode d = http.execute(http.post("oauth2/access_token", "/koas/oauth2/access_token",
                KisHttp.query("client_id", credentials.clientId(), "client_secret", credentials.clientSecret().reveal()),
                Map.of("code", credentials.authorizationCode().reveal())).build());
        readSession(d);
        sessionSecret = remember(required(d, "session_secret", "oauth2/access_token"));
    }

    private void refreshLogin() {
        JsonNode d = http.execute(signed(http.post("refresh_login_access_token", "/koas/user/refresh_login_access_token",
                KisHttp.query("access_token", accessToken), Map.of("session_id", sessionId))).build());
        readSession(d);
        String secret = KisEnvelope.text(d.get("session_secret"));
        if (secret != null) sessionSecret = remember(secret);
    }

    private AuthContext serviceGateway() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("acctnumber", credentials.accountNumber());
        body.put("pid", credentials.productId());
        body.put("icrmid", credentials.icrmId());
        JsonNode d = http.execute(signed(http.post("get_service_gateway", "/koas/user/get_service_gateway",
                KisHttp.query("access_token", accessToken), body)).idempotent(true).build());
        return readGateway(d, "get_service_gateway");
    }

    private AuthContext refreshAuthData() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refresh_auth_data_token", refreshAuthDataToken);
        body.put("access_token", accessToken);
        JsonNode d = http.execute(http.post("refresh_auth_data", "/koas/user/refresh_auth_data",
                KisHttp.query("client_id", credentials.clientId(), "client_secret", credentials.clientSecret().reveal()),
                body).build());
        String token = KisEnvelope.text(d.get("access_token"));
        if (token != null) accessToken = remember(token);
        return readGateway(d, "refresh_auth_data");
    }

    private void readSession(JsonNode d) {
        accessToken = remember(required(d, "access_token", "access_token"));
        sessionId = remember(required(d, "session_id", "access_token"));
        Instant now = clock().instant();
        sessionExpiresAt = now.plus(Json.lifetime("access_token", "session_id_expire_in",
                d.path("session_id_expire_in").asLong(d.path("access_token_expire_in").asLong(7200))));
        accessTokenExpiresAt = now.plus(Json.lifetime("access_token", "access_token_expire_in",
                d.path("access_token_expire_in").asLong(7200)));
    }

    private AuthContext readGateway(JsonNode d, String operation) {
        String authData = required(d, "auth_data", operation);
        String router = required(d, "gw_router_addr", operation);
        JsonNode extend = d.path("extend_data");
        String refresh = KisEnvelope.text(extend.get("refresh_auth_data_token"));
        if (refresh != null) {
            refreshAuthDataToken = remember(refresh);
            refreshAuthDataExpiresAt = clock().instant().plus(Json.lifetime(operation,
                    "refresh_auth_data_token_expire_in", extend.path("refresh_auth_data_token_expire_in").asLong(0)));
        }
        JsonNode expireIn = d.get("access_token_expire_in");
        if (expireIn != null && expireIn.canConvertToLong()) {
            accessTokenExpiresAt = clock().instant().plus(Json.lifetime(operation, "access_token_expire_in",
                    expireIn.asLong()));
        }
        return new AuthContext(authData, router, accessToken, accessTokenExpiresAt);
    }

    private Request.Builder signed(Request.Builder b) {
        String trace = UUID.randomUUID().toString();
        String ts = Long.toString(clock().instant().getEpochSecond());
        KisHeaders.add(b, state, trace, Long.parseLong(ts));
        return b.header("KIS-Signature", KisHeaders.kisSignature(state, sessionId, trace, sessionSecret, ts));
    }

    private static String required(JsonNode d, String field, String operation) {
        String v = KisEnvelope.text(d.get(field));
        if (v == null || v.isEmpty()) {
            throw new DecodeException(operation, "no " + field + " in the answer", "", null);
        }
        return v;
    }
}
