package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.jushuitan.AccessToken;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three token endpoints (VENDORS.md 1.4), signed like business calls but over their own fields, and sent
 * through a pipeline that shares the client's rate limits: token calls count against the app key's quota.
 */
public final class AuthClient {
    static final String INIT_TOKEN = "/openWeb/auth/getInitToken";
    static final String ACCESS_TOKEN = "/openWeb/auth/accessToken";
    static final String REFRESH_TOKEN = "/openWeb/auth/refreshToken";
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final URI endpoint;
    private final String appKey;
    private final HttpPipeline pipeline;
    private final Json json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AuthClient(URI endpoint, String appKey, HttpPipeline pipeline, Json json, Clock clock) {
        this.endpoint = endpoint;
        this.appKey = appKey;
        this.pipeline = pipeline;
        this.json = json;
        this.clock = clock;
    }

    /** A self-developed app's token: the "code" is any six characters of our choosing. */
    public AccessToken initToken() {
        return token(INIT_TOKEN, "authorization_code", "code", randomCode());
    }

    /** An ISV app's token from the authorisation code of the merchant's redirect. */
    public AccessToken exchangeCode(String authorizationCode) {
        return token(ACCESS_TOKEN, "authorization_code", "code", authorizationCode);
    }

    public AccessToken refresh(Secret refreshToken) {
        return token(REFRESH_TOKEN, "refresh_token", "refresh_token", refreshToken.reveal());
    }

    private AccessToken token(String path, String grantType, String credentialField, String credential) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_key", appKey);
        form.put("grant_type", grantType);
        form.put("charset", "utf-8");
        form.put(credentialField, credential);
        if (REFRESH_TOKEN.equals(path)) {
            form.put("scope", "all");
        }
        Request request = Request.post(endpoint.resolve(path), RequestBody.form(form))
                .operation(path).endpointClass("default").idempotent(true).build();
        Instant before = clock.instant();
        Response response = pipeline.execute(request);
        JsonNode data = json.tree(path, response.body()).path("data");
        String access = data.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new DecodeException(path, "the token answer has no data.access_token", "", null);
        }
        if (!data.path("expires_in").canConvertToLong() || data.path("expires_in").asLong() <= 0) {
            throw new DecodeException(path, "the token answer has no positive data.expires_in", "", null);
        }
        String refresh = data.path("refresh_token").asText("");
        // Counted from before the request: the vendor's clock started while our request was in flight.
        return new AccessToken(Secret.of(access), refresh.isEmpty() ? null : Secret.of(refresh), before,
                before.plus(Json.lifetime(path, "data.expires_in", data.path("expires_in").asLong())),
                data.path("scope").asText(null));
    }

    private String randomCode() {
        StringBuilder b = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            b.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return b.toString();
    }
}
