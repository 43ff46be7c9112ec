package io.qiao.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the access token: fetched on first use, reused until {@code expiresIn} minus the margin (and at most the
 * configured maximum age), fetched again by exactly one thread while the others wait for its result.
 */
public final class TokenManager {
    private final HttpPipeline authPipeline;
    private final URI tokenUri;
    private final String appKey;
    private final Secret appSecret;
    private final Duration margin;
    private final Duration maxAge;
    private final Clock clock;
    private final Json json;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    private record Token(Secret value, String type, Instant refreshAt) {
    }

    public TokenManager(HttpPipeline authPipeline, URI tokenUri, String appKey, Secret appSecret, Duration margin,
                        Duration maxAge, Clock clock, Json json) {
        this.authPipeline = authPipeline;
        this.tokenUri = tokenUri;
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.margin = margin;
        this.maxAge = maxAge;
        this.clock = clock;
        this.json = json;
    }

    /** The {@code Authorization} header value for the current token, fetching one if needed. */
    public String authorization() {
        Token t = current;
        if (t == null || !clock.instant().isBefore(t.refreshAt())) {
            t = refresh(t);
        }
        return t.type() + " " + t.value().reveal();
    }

    /**
     * Forgets the token behind {@code authorization} after the archive system refused it. Only that token: when
     * many threads see the same 401, the first forgets it and the rest find the fresh one already in place.
     */
    public void invalidate(String authorization) {
        lock.lock();
        try {
            Token t = current;
            if (t != null && authorization.equals(t.type() + " " + t.value().reveal())) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Token refresh(Token stale) {
        lock.lock();
        try {
            Token t = current;
            if (t != null && t != stale && clock.instant().isBefore(t.refreshAt())) {
                return t; // another thread refreshed while this one waited
            }
            t = fetch();
            current = t;
            return t;
        } finally {
            lock.unlock();
        }
    }

    private Token fetch() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("appKey", appKey);
        body.put("appSecret", appSecret.reveal());
        body.put("grantType", "client_credentials");
        Request request = Request.post(tokenUri, RequestBody.json(json.write(body)))
                .operation(Operations.TOKEN)
                .endpointClass("auth")
                .idempotent(true) // asking for a token twice is harmless
                .build();
        Instant requested = clock.instant();
        Response response = authPipeline.execute(request);
        JsonNode root = ResponseReader.unwrap(json.tree(Operations.TOKEN, response.body()), "accessToken");
        String token = ResponseReader.text(root, "accessToken", "access_token", "token");
        if (token == null || token.isEmpty()) {
            throw new DecodeException(Operations.TOKEN, "no accessToken in the answer", "", null);
        }
        long expiresIn = root.path("expiresIn").asLong(root.path("expires_in").asLong(7200));
        if (expiresIn <= 0) {
            throw new DecodeException(Operations.TOKEN, "expiresIn " + expiresIn + " is not positive", "", null);
        }
        String type = ResponseReader.text(root, "tokenType", "token_type");
        authPipeline.redactor().remember(token); // masked wherever it is echoed, even after it expires
        return new Token(Secret.of(token), type == null || type.equalsIgnoreCase("bearer") ? "Bearer" : type,
                requested.plus(lifetime(Json.lifetime(Operations.TOKEN, "expiresIn", expiresIn))));
    }

    /** expiresIn minus the margin, but never less than half of expiresIn, and never more than maxAge. */
    Duration lifetime(Duration expiresIn) {
        Duration life = expiresIn.minus(margin);
        Duration half = expiresIn.dividedBy(2);
        if (life.compareTo(half) < 0) {
            life = half;
        }
        if (maxAge != null && life.compareTo(maxAge) > 0) {
            life = maxAge;
        }
        return life;
    }
}
