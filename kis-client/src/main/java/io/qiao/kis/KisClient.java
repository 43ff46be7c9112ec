package io.qiao.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ClientBuilder;
import io.qiao.client.ClientSettings;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Redactor;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.spi.TokenCache;
import io.qiao.kis.internal.AppTokenAuthenticator;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.GatewaySigningInterceptor;
import io.qiao.kis.internal.AuthContext;
import io.qiao.kis.internal.KisAuthFlow;
import io.qiao.kis.internal.KisAuthentication;
import io.qiao.kis.internal.KisEnvelope;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.internal.KisPaging;
import io.qiao.kis.internal.KisRedaction;
import io.qiao.kis.internal.UserSessionAuthenticator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The 金蝶 KIS云 / KIS 私有云 OpenAPI (koas) client. Immutable and thread-safe: build one per KIS account and share it;
 * it holds the connection pool, the rate limiter and the cached app-token.
 *
 * <pre>{@code
 * KisClient kis = KisClient.builder()
 *     .credentials(KisCredentials.gateway(clientId, Secret.of(clientSecret), appKey, Secret.of(appSecret), domain))
 *     .build();
 * BillRef ref = kis.miscellaneousReceipts().create(bill);      // never creates the same FBillNo twice
 * Optional<Material> m = kis.materials().catalogByNumber().find("SKU-A");
 * }</pre>
 *
 * <p>Authentication is either the gateway app-token flow ({@link KisCredentials#gateway}, VENDORS.md 3.3) or the
 * user-session flow ({@link KisCredentials#sessionBuilder()}, 3.2); business calls look the same either way.
 */
public final class KisClient implements AutoCloseable {
    /** The public Kingdee gateway. Private-cloud deployments serve the same API at their own address. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.kingdee.com");
    /** The limit a client keeps to unless given its own: 10 requests a second per account. */
    public static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.perSecond(10);

    private final Builder config;
    private final URI endpoint;
    private final ClientSettings settings;
    private final KisHttp business;
    private final MiscellaneousReceipts miscellaneousReceipts;
    private final MiscellaneousDeliveries miscellaneousDeliveries;
    private final Materials materials;
    private final PurchaseReceipts purchaseReceipts;
    private final SalesDeliveries salesDeliveries;
    private final Partners customers;
    private final Partners suppliers;

    private KisClient(Builder b, URI endpoint, ClientSettings settings) {
        this.config = b.copy();
        this.endpoint = endpoint;
        this.settings = settings;
        Clock clock = settings.clock();
        // Knows the client's own secrets and, through the authenticator, every token it obtains: KIS echoing one
        // in an error cannot carry it into an exception, a log line or a status file.
        Redactor redactor = KisRedaction.redactor();
        if (b.gateway != null) {
            redactor.remember(b.gateway.clientSecret()).remember(b.gateway.appSecret());
        } else {
            redactor.remember(b.session.clientSecret()).remember(b.session.authorizationCode());
        }
        Json json = new Json(settings.objectMapper(), redactor);
        String state = UUID.randomUUID().toString().replace("-", "");

        // Token calls go through their own pipeline (no auth interceptor) sharing transport and rate limits.
        HttpPipeline.Builder gw = settings.pipeline().redactor(redactor);
        if (b.gateway != null) {
            gw.interceptor(new GatewaySigningInterceptor(b.gateway.clientId(), b.gateway.clientSecret(), clock));
        }
        gw.interceptor(new KisEnvelope(json, redactor));
        KisHttp gateway = new KisHttp(endpoint, gw.build(), json);

        KisAuthFlow flow = (b.gateway != null
                ? new AppTokenAuthenticator(b.gateway, gateway, clock)
                : new UserSessionAuthenticator(b.session, gateway, clock, state)).remembering(redactor);
        TokenCache<AuthContext> contexts = TokenCache.builder(flow).expiresAt(AuthContext::expiresAt)
                .refreshSkew(b.refreshMargin).clock(clock).name("KIS " + (b.gateway != null ? "app-token" : "session"))
                .build();

        // The context goes on outside the rate limiter (HttpPipeline.Builder.authentication), so the one re-send
        // after a refused token waits for a permit of its own like every other call.
        HttpPipeline.Builder api = settings.pipeline().redactor(redactor)
                .authentication(KisAuthentication.interceptor(contexts))
                .interceptor(KisAuthentication.kisHeaders(state, clock));
        if (b.signBusinessCalls) {
            // Off by default: no public koas caller found signs business calls (see Builder.signBusinessCalls).
            api.interceptor(new GatewaySigningInterceptor(b.gateway.clientId(), b.gateway.clientSecret(), clock));
        }
        api.interceptor(new KisEnvelope(json, redactor));
        this.business = new KisHttp(endpoint, api.build(), json, settings.pagingGuard("KIS"));

        BillCodec codec = new BillCodec(json.mapper());
        this.miscellaneousReceipts = new MiscellaneousReceipts(business, codec, b.inventoryApp, settings.retry(),
                b.lookupBeforeCreate);
        this.miscellaneousDeliveries = new MiscellaneousDeliveries(business, codec, b.inventoryApp, settings.retry(),
                b.lookupBeforeCreate);
        this.purchaseReceipts = new PurchaseReceipts(business, codec, b.inventoryApp, settings.retry(),
                b.lookupBeforeCreate);
        this.salesDeliveries = new SalesDeliveries(business, codec, b.inventoryApp, settings.retry(),
                b.lookupBeforeCreate);
        this.customers = new Partners(business, codec, b.baseDataApp, "Customer");
        this.suppliers = new Partners(business, codec, b.baseDataApp, "Vendor");
        this.materials = new Materials(business, codec, b.baseDataApp, clock, b.catalogTtl, b.catalogMissReload);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this client's settings, to derive a variant (other listeners, retry, interceptors or
     * timeouts). The clients it builds share this client's rate limiters (one account, one budget) and its
     * transport: a default transport is closed when the last client sharing it is closed, a transport passed to
     * {@code transport(...)} never. A different {@code connectTimeout} gets a connection pool of its own. Each
     * derived client obtains its own token.
     */
    public Builder newBuilder() {
        return config.derive(settings);
    }

    /** 其他入库单. */
    public MiscellaneousReceipts miscellaneousReceipts() {
        return miscellaneousReceipts;
    }

    /** 其他出库单. */
    public MiscellaneousDeliveries miscellaneousDeliveries() {
        return miscellaneousDeliveries;
    }

    /** 采购入库单 (外购入库单, FTranType 1). */
    public PurchaseReceipts purchaseReceipts() {
        return purchaseReceipts;
    }

    /** 销售出库单 (FTranType 21). */
    public SalesDeliveries salesDeliveries() {
        return salesDeliveries;
    }

    /** 客户 ({@code Customer/List}): the customers a 销售出库单 names. */
    public Partners customers() {
        return customers;
    }

    /** 供应商 ({@code Vendor/List}): the suppliers a 采购入库单 names. */
    public Partners suppliers() {
        return suppliers;
    }

    /** 物料. */
    public Materials materials() {
        return materials;
    }

    /**
     * Any koas API this client has no method for: POSTs {@code body} (an object serialised as JSON, a JsonNode, or a
     * JSON string) to {@code path} with authentication, signing and envelope handling, and returns {@code data}.
     * Treated as a write: not repeated after an unclear failure. Use {@link #call(String, Object, boolean)} for reads.
     */
    public JsonNode call(String path, Object body) {
        return call(path, body, false);
    }

    /** As {@link #call(String, Object)}; {@code idempotent} lets the retry policy repeat it after transient failures. */
    public JsonNode call(String path, Object body, boolean idempotent) {
        Objects.requireNonNull(path, "path");
        return business.execute(business.post(path, path, Map.of(), body).idempotent(idempotent).build());
    }

    /**
     * Any koas list API, paged as the typed lists page: POSTs {@code body} to {@code path} with {@code CurrentPage}
     * from 1 and {@code ItemsOfPage} (as strings, as KIS's public callers send them), lazily, one request per page,
     * until the answer's {@code TotalPages} is reached (or, when it has none, a short page); a page that brings no
     * rows ends the listing. The rows are {@code data.List} (or {@code Rows}, {@code Items}..., or {@code data}
     * itself when it is a list), as JSON. A server that repeats a page is stopped with a
     * {@link io.qiao.client.PagingException}. Each page goes through the same authentication, signing, rate limit and
     * retries as the typed resources; pages are reads, retried on transport errors too.
     *
     * <p>There is no windowed variant: KIS's koas list APIs document no modified-time filter (the 其他入库单 list's
     * {@code BeginDate}/{@code EndDate} are bill dates, and inferred) and no cap on a query's range, so there is
     * nothing to split; put a date filter in {@code body} as the API names it.
     *
     * <pre>{@code
     * for (JsonNode m : kis.pages("/koas/APP006992/api/Material/List", Map.of("ItemsOfPage", 200))) { ... }
     * }</pre>
     *
     * @param path the API's path, e.g. {@code /koas/app007104/api/salesdelivery/list}
     * @param body the API's other fields; {@code ItemsOfPage} if set (else 100); never {@code CurrentPage}
     * @throws IllegalArgumentException when {@code path} does not start with '/', {@code body} holds
     *                                  {@code CurrentPage} or {@code ItemsOfPage} is not a positive number
     */
    public PagedIterable<JsonNode> pages(String path, Map<String, ?> body) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return KisPaging.any(business, path, body);
    }

    public URI endpoint() {
        return endpoint;
    }

    public RateLimits rateLimits() {
        return settings.rateLimits();
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
        settings.close();
    }

    @Override
    public String toString() {
        return "KisClient{" + endpoint + ", " + (config.gateway != null ? config.gateway : config.session) + "}";
    }

    /**
     * Settings of a {@link KisClient}; besides these, the common ones of {@link ClientBuilder} (endpoint, transport
     * or timeouts, object mapper, interceptors, retry, rate limits, listeners, clock). The endpoint is
     * {@link #DEFAULT_ENDPOINT} unless set (a private-cloud deployment's own address). The retry options are also the budget of create attempts
     * (each unclear one followed by a lookup). Rate limits default to 10 per second: <b>[INFER]</b> KIS
     * publishes no figure and no public caller states one (a Java OA integration sleeps 3 s between calls, without
     * saying why); lower them if KIS answers with rate-limit errors.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        /** The longest token refresh margin accepted: KIS tokens live for hours, not days. */
        private static final Duration MAX_REFRESH_MARGIN = Duration.ofHours(12);
        /** The longest catalogue TTL and miss-reload interval accepted: a catalogue older than this is stale. */
        private static final Duration MAX_CATALOG_AGE = Duration.ofDays(7);

        private KisGatewayCredentials gateway;
        private KisSessionCredentials session;
        private Duration refreshMargin = Duration.ofMinutes(1);
        private String inventoryApp = "app007104";
        private String baseDataApp = "APP006992";
        private boolean lookupBeforeCreate;
        private boolean signBusinessCalls;
        private Duration catalogTtl = Duration.ofMinutes(10);
        private Duration catalogMissReload = Duration.ofMinutes(1);

        private Builder() {
            super(DEFAULT_ENDPOINT, () -> RateLimits.of(DEFAULT_RATE_LIMIT));
        }

        /**
         * The account's credentials, either flow ({@link KisCredentials#gateway} or
         * {@link KisCredentials#sessionBuilder()}); required. Replaces credentials set before.
         */
        public Builder credentials(KisCredentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            if (credentials instanceof KisGatewayCredentials g) {
                this.gateway = g;
                this.session = null;
            } else {
                this.session = (KisSessionCredentials) credentials;
                this.gateway = null;
            }
            return this;
        }

        /**
         * Path B: the app_key/app_secret gateway flow. Replaces session credentials.
         *
         * @deprecated use {@link #credentials(KisCredentials)} with {@link KisCredentials#gateway}
         */
        @Deprecated(forRemoval = true)
        public Builder gatewayCredentials(KisGatewayCredentials credentials) {
            return credentials(credentials);
        }

        /**
         * Path A: the user-session flow. Replaces gateway credentials.
         *
         * @deprecated use {@link #credentials(KisCredentials)} with {@link KisCredentials#sessionBuilder()}
         */
        @Deprecated(forRemoval = true)
        public Builder sessionCredentials(KisSessionCredentials credentials) {
            return credentials(credentials);
        }

        /** Renew a token this long before it expires; default 1 minute, at most 12 hours. */
        public Builder tokenRefreshMargin(Duration margin) {
            this.refreshMargin = nonNegative(margin, "tokenRefreshMargin", MAX_REFRESH_MARGIN);
            return this;
        }

        /** The app segment of the inventory paths; default {@code app007104} (some accounts use {@code APP007104}). */
        public Builder inventoryApp(String app) {
            this.inventoryApp = requireSegment(app, "inventoryApp");
            return this;
        }

        /** The app segment of the base-data paths; default {@code APP006992}. */
        public Builder baseDataApp(String app) {
            this.baseDataApp = requireSegment(app, "baseDataApp");
            return this;
        }

        /** Look every bill up by FBillNo before its first create attempt too (one extra read per bill). */
        public Builder lookupBeforeCreate(boolean lookupBeforeCreate) {
            this.lookupBeforeCreate = lookupBeforeCreate;
            return this;
        }

        /**
         * Also put the gateway signature headers ({@code X-Api-ClientID}, {@code X-Api-Auth-Version},
         * {@code X-Api-TimeStamp}, {@code X-Api-Nonce}, {@code X-Api-SignHeaders}, {@code X-Api-Signature}) on koas
         * business calls; default off, and only with {@link KisCredentials#gateway} credentials.
         *
         * <p>What is confirmed: the {@code /jdyconnector/*} token calls carry them (the open.jdy.com doc table, and
         * every public client). koas business calls, in every public caller found, carry only the {@code Kis-*}
         * headers, {@code KIS-AuthData}, {@code X-GW-Router-Addr} and the {@code access_token} query parameter, one
         * of them noting "不用签名" (a Python open.jdy.com client calling {@code /koas/APP006992/api/Material/List};
         * a TypeScript KingdeeSDK; a Java KisInventoryOperationAPI) — so that is the default. The signed headers
         * are kept for a gateway that asks for them on every route, as the 精斗云 {@code /jdy/v2/*} APIs document.
         */
        public Builder signBusinessCalls(boolean sign) {
            this.signBusinessCalls = sign;
            return this;
        }

        /** How long a loaded material catalogue is trusted; default 10 minutes, at most 7 days. */
        public Builder catalogTtl(Duration ttl) {
            this.catalogTtl = positive(ttl, "catalogTtl", MAX_CATALOG_AGE);
            return this;
        }

        /**
         * A lookup miss reloads a catalogue older than this, so new materials are seen without waiting for the
         * TTL; default 1 minute, at most 7 days. At most one reload per interval, however many keys miss.
         */
        public Builder catalogMissReload(Duration interval) {
            this.catalogMissReload = nonNegative(interval, "catalogMissReload", MAX_CATALOG_AGE);
            return this;
        }

        public KisClient build() {
            if (gateway == null && session == null) {
                throw new IllegalStateException("credentials are required: call credentials(KisCredentials.gateway("
                        + "clientId, clientSecret, appKey, appSecret, routerAddress)) for the app_key/app_secret flow, "
                        + "or credentials(KisCredentials.sessionBuilder()...build()) for the user-session flow");
            }
            if (signBusinessCalls && gateway == null) {
                throw new IllegalStateException("signBusinessCalls(true) needs gateway credentials (the signature "
                        + "key is their clientSecret); the user-session flow signs with KIS-Signature instead");
            }
            return new KisClient(this, configuredEndpoint(), settings());
        }

        /** A copy sharing the rate limiters and transport of the client that was built with {@code built}. */
        private Builder derive(ClientSettings built) {
            Builder c = copy();
            c.shareResourcesOf(built);
            return c;
        }

        private Builder copy() {
            Builder c = new Builder();
            c.gateway = gateway;
            c.session = session;
            c.copyCommonSettings(this);
            c.refreshMargin = refreshMargin;
            c.inventoryApp = inventoryApp;
            c.baseDataApp = baseDataApp;
            c.lookupBeforeCreate = lookupBeforeCreate;
            c.signBusinessCalls = signBusinessCalls;
            c.catalogTtl = catalogTtl;
            c.catalogMissReload = catalogMissReload;
            return c;
        }

        private static String requireSegment(String s, String name) {
            if (s == null || !s.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException(name + " must be a path segment of letters, digits or '_', was " + s);
            }
            return s;
        }
    }
}
