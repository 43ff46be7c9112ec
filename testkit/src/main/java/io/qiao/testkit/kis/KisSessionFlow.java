package io.qiao.testkit.kis;

import static io.qiao.testkit.kis.KisJson.answer;
import static io.qiao.testkit.kis.KisJson.error;
import static io.qiao.testkit.kis.KisJson.ok;
import static io.qiao.testkit.kis.KisJson.query;
import static io.qiao.testkit.kis.KisJson.text;
import static io.qiao.testkit.kis.KisSimulator.ERR_BUSINESS;
import static io.qiao.testkit.kis.KisSimulator.ERR_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.qiao.testkit.kis.KisState.IssuedToken;
import io.qiao.testkit.kis.KisState.Session;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The user-session flow of the KIS simulator (VENDORS.md 3.2): OAuth code exchange, {@code get_service_gateway} and
 * the two refresh calls, verifying {@code KIS-Signature}. Apart from {@link KisHandler} because it is a flow of its
 * own with its own credentials (sessions, refresh tokens); the {@code auth_data} it issues goes into the same token
 * store the business calls check. Each call runs under the state's lock, as one step of the flow.
 */
final class KisSessionFlow {
    private final KisSimulatorCredentials credentials;
    private final Clock clock;
    private final Duration tokenTtl;
    private final KisState state;

    KisSessionFlow(KisSimulatorCredentials credentials, Clock clock, Duration tokenTtl, KisState state) {
        this.credentials = credentials;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.state = state;
    }

    private String checkClient(URI uri) {
        Map<String, String> q = query(uri);
        if (!credentials.clientId().equals(q.get("client_id")) || !credentials.clientSecret().equals(q.get("client_secret"))) {
            return "client_id 或 client_secret 错误";
        }
        return null;
    }

    ResponseDefinition exchangeCode(URI uri, JsonNode body) {
        synchronized (state) {
            String bad = checkClient(uri);
            if (bad != null) return answer(200, error(ERR_TOKEN, bad));
            if (!credentials.authorizationCode().equals(text(body, "code")) || state.codeUsed) {
                return answer(200, error(ERR_TOKEN, "code 无效或已使用 (authorization code invalid)"));
            }
            state.codeUsed = true;
            Session s = new Session("sim-session-" + UUID.randomUUID(), "sim-session-secret-" + UUID.randomUUID());
            s.sessionExpires = clock.instant().plus(Duration.ofDays(1));
            state.sessions.put(s.id, s);
            return ok(newAccessToken(s));
        }
    }

    private Map<String, Object> newAccessToken(Session s) {
        s.accessToken = "sim-user-access-" + UUID.randomUUID();
        s.accessExpires = clock.instant().plus(tokenTtl);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_token", s.accessToken);
        d.put("access_token_expire_in", tokenTtl.toSeconds());
        d.put("session_id", s.id);
        d.put("session_id_expire_in", Duration.between(clock.instant(), s.sessionExpires).toSeconds());
        d.put("session_secret", s.secret);
        return d;
    }

    /** Finds the session of a signed /koas/user call and checks its KIS-Signature; an error description or null. */
    private String checkSession(Request r, URI uri, Session s) {
        if (s == null) return "session_id 无效";
        if (!clock.instant().isBefore(s.sessionExpires)) return "session 已过期 (session expired)";
        if (!s.accessToken.equals(query(uri).get("access_token"))) return "access_token 无效 (access_token invalid)";
        String st = r.getHeader("Kis-State");
        String trace = r.getHeader("Kis-Traceid");
        String ts = r.getHeader("Kis-Timestamp");
        String signature = r.getHeader("KIS-Signature");
        if (st == null || trace == null || ts == null || signature == null) {
            return "缺少 Kis-State/Kis-Traceid/Kis-Timestamp/KIS-Signature";
        }
        if (!sha256Hex(st + s.id + trace + s.secret + ts).equals(signature)) {
            state.signatureFailed("KIS-Signature does not match");
            return "KIS-Signature 签名验证失败";
        }
        return null;
    }

    ResponseDefinition serviceGateway(Request r, URI uri, JsonNode body) {
        synchronized (state) {
            Session s = state.sessions.get(text(body, "session_id"));
            String bad = checkSession(r, uri, s);
            if (bad != null) return answer(200, error(ERR_TOKEN, bad));
            for (String f : new String[] {"acctnumber", "pid", "icrmid"}) {
                if (text(body, f) == null || text(body, f).isBlank()) {
                    return answer(200, error(ERR_BUSINESS, "参数 " + f + " 不能为空"));
                }
            }
            return ok(gatewayData(s));
        }
    }

    private Map<String, Object> gatewayData(Session s) {
        String authData = "sim-auth-data-" + UUID.randomUUID();
        state.tokens.put(authData, new IssuedToken(s.accessExpires, s.accessToken));
        state.tokensIssued++;
        state.refreshTokens.remove(s.refreshToken);
        s.refreshToken = "sim-refresh-" + UUID.randomUUID();
        s.refreshExpires = clock.instant().plus(Duration.ofDays(1));
        state.refreshTokens.put(s.refreshToken, s);
        Map<String, Object> extend = new LinkedHashMap<>();
        extend.put("refresh_auth_data_token", s.refreshToken);
        extend.put("refresh_auth_data_token_expire_in", Duration.ofDays(1).toSeconds());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_token", s.accessToken);
        d.put("access_token_expire_in", Duration.between(clock.instant(), s.accessExpires).toSeconds());
        d.put("auth_data", authData);
        d.put("gw_router_addr", credentials.routerAddress());
        d.put("extend_data", extend);
        return d;
    }

    ResponseDefinition refreshAuthData(URI uri, JsonNode body) {
        synchronized (state) {
            String bad = checkClient(uri);
            if (bad != null) return answer(200, error(ERR_TOKEN, bad));
            Session s = state.refreshTokens.get(text(body, "refresh_auth_data_token"));
            if (s == null || !clock.instant().isBefore(s.refreshExpires)) {
                return answer(200, error(ERR_TOKEN, "refresh_auth_data_token 无效或已过期"));
            }
            if (!s.accessToken.equals(text(body, "access_token"))) {
                return answer(200, error(ERR_TOKEN, "access_token 无效 (access_token invalid)"));
            }
            newAccessToken(s);
            return ok(gatewayData(s));
        }
    }

    ResponseDefinition refreshLogin(Request r, URI uri, JsonNode body) {
        synchronized (state) {
            Session s = state.sessions.get(text(body, "session_id"));
            String bad = checkSession(r, uri, s);
            if (bad != null) return answer(200, error(ERR_TOKEN, bad));
            return ok(newAccessToken(s));
        }
    }

    private static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return String.format("%064x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
