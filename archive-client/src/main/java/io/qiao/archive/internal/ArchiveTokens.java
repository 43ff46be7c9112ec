package io.qiao.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Interceptor;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.spi.TokenCache;
import io.qiao.client.spi.TokenRetryInterceptor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The archive system's access token: fetched from {@code api/auth/token} on first use, reused until
 * {@code expiresIn} minus the margin (and at most the configured maximum age), and sent as
 * {@code Authorization: Bearer ...}. A 401 means the token died early (revoked, server restarted, clocks apart): the
 * shared {@link TokenRetryInterceptor} fetches a new one and sends the request once more, under a rate-limit permit
 * of its own. Caching and single flight are {@link TokenCache}'s.
 */
public final class ArchiveTokens {
    private final Source source;
    private final io.qiao.client.Redactor redactor;
    private final Duration margin;
    private final Duration maxAge;
    private final Clock clock;
    private final TokenCache<Token> cache;

    /** Asks the archive system for a token, over whichever protocol it speaks. */
    @FunctionalInterface
    public interface Source {
        Issued fetch();
    }

    /**
     * A token as the archive system's answer has it.
     *
     * @param token     the access token
     * @param expiresIn its lifetime in seconds
     * @param type      the scheme the answer names, or null
     */
    public record Issued(String token, long expiresIn, String type) {
        @Override
        public String toString() {
            return "Issued{expiresIn=" + expiresIn + "}";
        }
    }

    /**
     * A token as the archive system issued it.
     *
     * @param value     the access token
     * @param type      the scheme of the Authorization header, "Bearer" unless the system says otherwise
     * @param refreshAt when the client stops using it: expiresIn minus the margin, capped by the maximum age
     */
    public record Token(Secret value, String type, Instant refreshAt) {
        String authorization() {
            return type + " " + value.reveal();
        }

        @Override
        public String toString() {
            return "Token{" + type + ", refreshAt=" + refreshAt + "}";
        }
    }

    public ArchiveTokens(Source source, io.qiao.client.Redactor redactor, Duration margin, Duration maxAge,
                         Clock clock) {
        this.source = source;
        this.redactor = redactor;
        this.margin = margin;
        this.maxAge = maxAge;
        this.clock = clock;
        // The margin and the maximum age are already in refreshAt, so the cache renews exactly there.
        this.cache = TokenCache.<Token>builder(previous -> fetch()).expiresAt(Token::refreshAt)
                .refreshSkew(Duration.ZERO).clock(clock).name("archive access token").build();
    }

    /** The interceptor that puts the token on every business call and renews it once on a 401. */
    public Interceptor interceptor() {
        return TokenRetryInterceptor.of(cache,
                (request, token) -> request.toBuilder().header("Authorization", token.authorization()).build(),
                e -> e.httpStatus() == 401);
    }

    /** The current token, fetched when there is none or it is due for renewal. */
    public Token current() {
        return cache.get();
    }

    /** Drops {@code token} after the archive system refused it, so that the next {@link #current()} fetches anew. */
    public void invalidate(Token token) {
        cache.invalidate(token);
    }

    /** The token endpoint of the REST API ({@code POST api/auth/token}, JSON in and out). */
    public static Source rest(HttpPipeline authPipeline, URI tokenUri, String appKey, Secret appSecret, Json json) {
        return () -> {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("appKey", appKey);
            body.put("appSecret", appSecret.reveal());
            body.put("grantType", "client_credentials");
            Request request = Request.post(tokenUri, RequestBody.json(json.write(body)))
                    .operation(Operations.TOKEN)
                    .endpointClass("auth")
                    .idempotent(true) // asking for a token twice is harmless
                    .build();
            Response response = authPipeline.execute(request);
            JsonNode root = ResponseReader.unwrap(json.tree(Operations.TOKEN, response.body()), "accessToken");
            String token = ResponseReader.text(root, "accessToken", "access_token", "token");
            if (token == null || token.isEmpty()) {
                throw new DecodeException(Operations.TOKEN, "no accessToken in the answer", "", null);
            }
            long expiresIn = root.path("expiresIn").asLong(root.path("expires_in").asLong(7200));
            return new Issued(token, expiresIn, ResponseReader.text(root, "tokenType", "token_type"));
        };
    }

    private Token fetch() {
        Instant requested = clock.instant();
        Issued issued = source.fetch();
        String token = issued.token();
        long expiresIn = issued.expiresIn();
        if (expiresIn <= 0) {
            throw new DecodeException(Operations.TOKEN, "expiresIn " + expiresIn + " is not positive", "", null);
        }
        String type = issued.type();
        redactor.remember(token); // masked wherever it is echoed, even after it expires
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
