package io.qiao.jushuitan;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ClientBuilder;
import io.qiao.client.ClientSettings;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Redactor;
import io.qiao.client.Secret;
import io.qiao.client.TimeRange;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.internal.RateLimitInterceptor;
import io.qiao.jushuitan.internal.AuthClient;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.EnvelopeInterceptor;
import io.qiao.jushuitan.internal.JstJson;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.internal.JstTokens;
import io.qiao.jushuitan.internal.SigningInterceptor;
import io.qiao.jushuitan.model.OtherInOutQuery;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 聚水潭 Jushuitan open platform (API version 2). Immutable and thread-safe: build one per app key and
 * share it, so that all threads draw from one token and one set of rate limits.
 *
 * <pre>{@code
 * JushuitanClient jst = JushuitanClient.builder()
 *     .credentials(JushuitanCredentials.of("your_app_key", Secret.fromEnv("JST_APP_SECRET")))
 *     .tokenStore(TokenStore.file(Path.of("/var/lib/myapp/jst-tokens.json")))
 *     .build();
 * for (OtherInOut doc : jst.otherInOuts().list(OtherInOutQuery.modifiedBetween(from, to))) { ... }
 * }</pre>
 */
public final class JushuitanClient implements AutoCloseable {
    /** The vendor's name in messages (a listing stopped by its paging guard). */
    private static final String VENDOR = "聚水潭";

    public static final URI PRODUCTION = URI.create("https://openapi.jushuitan.com");
    public static final URI SANDBOX = URI.create("https://dev-api.jushuitan.com");

    private final URI endpoint;
    private final String appKey;
    private final RateLimits rateLimits;
    private final JstTokens tokens;
    private final BizCaller caller;
    private final OtherInOuts otherInOuts;
    private final Orders orders;
    private final Inventories inventories;
    private final PurchaseIns purchaseIns;
    private final OrderOuts orderOuts;
    private final Skus skus;
    private final Purchases purchases;
    private final Refunds refunds;
    private final Warehouses warehouses;

    private final ClientSettings common;
    private final Builder config;

    private JushuitanClient(Builder b, URI endpoint, JushuitanCredentials credentials, ClientSettings settings) {
        this.common = settings;
        this.config = b.copy();
        Secret appSecret = credentials.appSecret();
        Secret fixedToken = credentials.accessToken().orElse(null);
        this.endpoint = endpoint;
        this.appKey = credentials.appKey();
        this.rateLimits = settings.rateLimits();
        // One redactor per client that knows its secret and every token it holds, so that a vendor echoing one
        // in an error cannot carry it into an exception, a log line or a status file.
        Redactor redactor = Redactor.defaults().remember(appSecret).remember(fixedToken);
        Json json = JstJson.create(settings.objectMapper(), redactor);
        Clock clock = settings.clock();
        HttpPipeline authPipeline = settings.pipeline()
                .interceptor(new SigningInterceptor(appSecret, clock))
                .interceptor(new EnvelopeInterceptor(json.mapper().getFactory(), redactor))
                .redactor(redactor)
                .build();
        AuthClient auth = new AuthClient(endpoint, appKey, authPipeline, json, clock);
        this.tokens = (fixedToken != null
                ? JstTokens.fixed(appKey, AccessToken.fixed(fixedToken))
                : JstTokens.managed(appKey, b.tokenStore, auth, b.selfDevelopedApp, clock)).remembering(redactor);
        // The token goes on outside the rate limiter (HttpPipeline.Builder.authentication): it is fetched before the
        // call takes its permit, and the one re-send after code 100 waits for a permit of its own. Signing, inside,
        // covers the access_token field.
        HttpPipeline pipeline = settings.pipeline()
                .authentication(tokens.interceptor())
                .interceptor(new SigningInterceptor(appSecret, clock))
                .interceptor(new EnvelopeInterceptor(json.mapper().getFactory(), redactor))
                .redactor(redactor)
                .build();
        this.caller = new BizCaller(endpoint, appKey, pipeline, json, settings.pagingGuard(VENDOR));
        this.otherInOuts = new OtherInOuts(caller);
        this.orders = new Orders(caller);
        this.inventories = new Inventories(caller);
        this.purchaseIns = new PurchaseIns(caller);
        this.orderOuts = new OrderOuts(caller);
        this.skus = new Skus(caller);
        this.purchases = new Purchases(caller);
        this.refunds = new Refunds(caller);
        this.warehouses = new Warehouses(caller);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this client's settings, to derive a variant (other listeners, retry, interceptors or
     * timeouts). The clients it builds share this client's rate limiters (one app key, one budget), its token store
     * (so the token one obtains serves the others) and its transport: a default transport is closed when the last
     * client sharing it is closed, a transport passed to {@code transport(...)} never. A different
     * {@code connectTimeout} gets a connection pool of its own.
     */
    public Builder newBuilder() {
        return config.derive(common);
    }

    /**
     * The vendor's limits, 5 requests a second and 100 a minute per app key, with headroom. The limiter
     * grants at most one permit per interval slot, and after an idle moment two permits may fall at the two
     * ends of adjacent slots, so a window of the vendor's length can see {@code period / interval + 1}
     * permits: exactly 5/s and 100/min would allow 6 and 101. Pacing at 4 a second and 98 a minute keeps
     * every sliding second at 5 or fewer and every sliding minute at 99 or fewer even with up to a second
     * of network jitter. Each call returns a new instance with its own live limiters.
     */
    public static RateLimits defaultRateLimits() {
        return RateLimits.of(RateLimit.perSecond(4), RateLimit.perMinute(98));
    }

    /** 其它出入库 (other inbound/outbound documents): list and create. */
    public OtherInOuts otherInOuts() {
        return otherInOuts;
    }

    /** 订单 (orders): list. */
    public Orders orders() {
        return orders;
    }

    /** 商品库存 (stock per SKU and warehouse): list. */
    public Inventories inventories() {
        return inventories;
    }

    /** 采购入库 (purchase receipts): list. */
    public PurchaseIns purchaseIns() {
        return purchaseIns;
    }

    /** 销售出库 (sales outbound documents): list. */
    public OrderOuts orderOuts() {
        return orderOuts;
    }

    /** 商品资料 (the SKU catalogue): list. */
    public Skus skus() {
        return skus;
    }

    /** 采购单 (purchase orders): list. */
    public Purchases purchases() {
        return purchases;
    }

    /** 售后单 (after-sales: returns, refunds, exchanges): list. */
    public Refunds refunds() {
        return refunds;
    }

    /** 仓库 (the merchant's warehouses, 分仓): list. */
    public Warehouses warehouses() {
        return warehouses;
    }

    /**
     * The old accessor name.
     *
     * @deprecated resources are plural nouns in every client; use {@link #otherInOuts()}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public OtherInOuts otherInOut() {
        return otherInOuts();
    }

    /**
     * The old accessor name.
     *
     * @deprecated resources are plural nouns in every client; use {@link #inventories()}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public Inventories inventory() {
        return inventories();
    }

    /**
     * The old accessor name.
     *
     * @deprecated resources are plural nouns in every client; use {@link #purchaseIns()}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public PurchaseIns purchaseIn() {
        return purchaseIns();
    }

    /**
     * Any API the typed operations do not cover: posts {@code biz} (a map, a value object serialised in
     * snake_case, a JSON string, or null for {@code {}}) to {@code path} and returns the answer's
     * {@code data}. Not retried except on throttling, since the call may be a write; see
     * {@link #call(String, Object, boolean)}.
     */
    public JsonNode call(String path, Object biz) {
        return call(path, biz, false);
    }

    /** As {@link #call(String, Object)}; {@code idempotent = true} lets transport errors be retried (queries). */
    public JsonNode call(String path, Object biz, boolean idempotent) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return caller.call(path, biz, idempotent);
    }

    /**
     * Any list API, paged as the typed operations page: posts {@code biz} to {@code path} with {@code page_index}
     * from 1, lazily, one request per page, until the answer's {@code data.has_next} is false (or, for an API that
     * sends none, a page shorter than {@code page_size}); a page that brings no records ends the listing. The records
     * are the array {@code data.datas} or, failing that, the first array in {@code data} ({@code orders},
     * {@code inventorys}...), as JSON. A vendor that repeats a page is stopped with a
     * {@link io.qiao.client.PagingException}. Each page goes through the same token, signing, rate limits (4/s,
     * 98/min by default) and retries as the typed operations; pages are reads, retried on transport errors too.
     *
     * <pre>{@code
     * for (JsonNode io : jst.pages("/open/other/inout/query", Map.of("so_ids", List.of("SO-1")))) { ... }
     * }</pre>
     *
     * @param path the API's path, e.g. {@code /open/purchasein/query}
     * @param biz  the API's other biz fields (snake_case); {@code page_size} if set (else 30, the vendor's
     *             default); never {@code page_index}
     * @throws IllegalArgumentException when {@code path} does not start with '/', {@code biz} holds
     *                                  {@code page_index} or {@code page_size} is not a positive number
     */
    public PagedIterable<JsonNode> pages(String path, Map<String, ?> biz) {
        return JstPaging.any(caller, checkPath(path), biz, null);
    }

    /**
     * As {@link #pages(String, Map)} over a modified-time range: {@code range} (Shanghai wall time, half-open) is
     * split into windows of at most seven days, the vendor's cap (VENDORS.md 1.7; {@link TimeRange#maxWindow} may set
     * shorter, not longer), each sent as {@code modified_begin}/{@code modified_end} (or the
     * {@link TimeRange#params names given}) and paged from {@code page_index} 1. The vendor does not say whether
     * {@code modified_end} is inclusive; give {@link TimeRange#recordTime(String) recordTime("modified")} (the
     * record's time field) and a record modified exactly on a window boundary comes once. An empty range sends
     * nothing.
     *
     * <pre>{@code
     * TimeRange may = TimeRange.between(Instant.parse("2024-04-30T16:00:00Z"), Instant.parse("2024-05-31T16:00:00Z"));
     * jst.pages("/open/purchasein/query", Map.of("page_size", 50), may.recordTime("modified"))
     *    .forEach(doc -> System.out.println(doc.path("io_id").asLong()));
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #pages(String, Map)}, or when {@code biz} holds the range's
     *                                  parameters or the range asks for windows longer than seven days
     */
    public PagedIterable<JsonNode> pages(String path, Map<String, ?> biz, TimeRange range) {
        return JstPaging.any(caller, checkPath(path), biz, Objects.requireNonNull(range, "range"));
    }

    private static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return path;
    }

    /**
     * For an ISV app: exchanges the authorisation code of the merchant's redirect
     * ({@code https://openweb.jushuitan.com/auth?...}) for a token at {@code /openWeb/auth/accessToken}, and
     * saves it in the TokenStore, from which every later call takes it.
     */
    public AccessToken authorize(String authorizationCode) {
        Objects.requireNonNull(authorizationCode, "authorizationCode");
        if (authorizationCode.isBlank()) {
            throw new IllegalArgumentException("authorizationCode must not be blank");
        }
        return tokens.authorize(authorizationCode);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String appKey() {
        return appKey;
    }

    /** The live limiters this client paces with; pass them to another client of the same app key to share. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    /**
     * Closes what this client created: the default transport's connection pool, once no client derived with
     * {@link #newBuilder()} still uses it (not a transport given to {@code transport(...)}, which stays open for
     * whoever else uses it). On Java 17 the JDK {@code HttpClient} has
     * no {@code close()} and its pool goes once the client is unreachable; on Java 21 and later it is closed here.
     * Calls made after this fail with {@link IllegalStateException}. The token cache holds nothing to release, and a
     * token store passed in is the caller's. Idempotent.
     */
    @Override
    public void close() {
        common.close();
    }

    @Override
    public String toString() {
        return "JushuitanClient{" + endpoint + ", appKey=" + appKey + ", " + rateLimits + "}";
    }

    /**
     * Settings of a {@link JushuitanClient}; besides these, the common ones of {@link ClientBuilder} (endpoint,
     * transport or timeouts, object mapper, interceptors, retry, rate limits, listeners, clock). The endpoint is
     * {@link #PRODUCTION} unless set, a trailing {@code /} dropped. Rate limits default to
     * {@link #defaultRateLimits()}; pass the same instance to every client of one app key, or
     * {@link RateLimits#none()} to switch pacing off. A caller's object mapper is copied and taught the vendor's
     * snake_case names and {@code yyyy-MM-dd HH:mm:ss} date-times.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        // The deprecated part-by-part setters fill this; credentials(...) replaces it. build() turns it into the one
        // JushuitanCredentials value the client is made from, so every way in ends on the same path.
        private JushuitanCredentials.Builder credentialParts = JushuitanCredentials.builder();
        private TokenStore tokenStore = TokenStore.inMemory();
        private boolean selfDevelopedApp = true;

        private Builder() {
            super(PRODUCTION, JushuitanClient::defaultRateLimits);
        }

        /** Drops a trailing {@code /}: the API paths, which start with one, are appended to the endpoint. */
        @Override
        protected URI normalizeEndpoint(URI endpoint) {
            String s = endpoint.toString();
            return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }

        /** The vendor's sandbox, {@link #SANDBOX}. */
        public Builder sandbox() {
            return endpoint(SANDBOX);
        }

        /** The app's key and secret (and a fixed access token, if one is used); required. */
        public Builder credentials(JushuitanCredentials credentials) {
            this.credentialParts = Objects.requireNonNull(credentials, "credentials").toBuilder();
            return this;
        }

        /**
         * The app key.
         *
         * @deprecated use {@link #credentials(JushuitanCredentials)} with {@link JushuitanCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appKey(String appKey) {
            credentialParts.appKey(appKey);
            return this;
        }

        /**
         * The app secret.
         *
         * @deprecated use {@link #credentials(JushuitanCredentials)} with {@link JushuitanCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appSecret(Secret appSecret) {
            credentialParts.appSecret(appSecret);
            return this;
        }

        /**
         * A token obtained elsewhere, used as is and never renewed.
         *
         * @deprecated use {@link #credentials(JushuitanCredentials)} with
         *     {@link JushuitanCredentials.Builder#accessToken(Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder accessToken(Secret accessToken) {
            credentialParts.accessToken(accessToken);
            return this;
        }

        /** Where tokens are kept; {@link TokenStore#inMemory()} by default. */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
            return this;
        }

        /**
         * True (the default) for a 商家自研 app, which obtains its own tokens with {@code getInitToken}; false
         * for an ISV app, whose tokens come from the merchant's authorisation (store them in the TokenStore).
         */
        public Builder selfDevelopedApp(boolean selfDevelopedApp) {
            this.selfDevelopedApp = selfDevelopedApp;
            return this;
        }

        public JushuitanClient build() {
            if (credentialParts.isEmpty()) {
                throw new IllegalStateException("credentials are required: call "
                        + "credentials(JushuitanCredentials.of(appKey, appSecret))");
            }
            List<String> missing = credentialParts.missing();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("credentials are incomplete (" + String.join(" and ", missing)
                        + " not set): call credentials(JushuitanCredentials.of(appKey, appSecret))");
            }
            return new JushuitanClient(this, configuredEndpoint(), credentialParts.build(), settings());
        }

        /** A copy sharing the rate limiters and transport of the client that was built with {@code built}. */
        private Builder derive(ClientSettings built) {
            Builder c = copy();
            c.shareResourcesOf(built);
            return c;
        }

        private Builder copy() {
            Builder c = new Builder();
            c.copyCommonSettings(this);
            c.credentialParts = credentialParts.build().toBuilder();
            c.tokenStore = tokenStore;
            c.selfDevelopedApp = selfDevelopedApp;
            return c;
        }
    }
}
