package io.qiao.jackyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.qiao.jackyun.internal.EnvelopeInterceptor;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunJson;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.internal.SigningInterceptor;
import io.qiao.jackyun.model.WarehouseQuery;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The 吉客云 Jackyun open-platform client: one gateway, methods chosen by the {@code method} parameter, every
 * call signed with the app secret (VENDORS.md section 2).
 *
 * <pre>{@code
 * JackyunClient jackyun = JackyunClient.builder()
 *     .credentials(JackyunCredentials.of(appKey, Secret.of(appSecret)))
 *     .build();
 * for (Warehouse w : jackyun.warehouses().list(WarehouseQuery.modifiedSince(since))) { ... }
 * }</pre>
 *
 * Immutable and thread-safe: build one per app key and share it, so that all threads draw from one rate
 * limit and one connection pool. Errors surface as {@link io.qiao.client.ApiException} (with the subCode as
 * vendor code and the gateway's {@code contextId} as request id), {@link io.qiao.client.TransportException}
 * or {@link io.qiao.client.DecodeException}.
 */
public final class JackyunClient implements AutoCloseable {
    /** The vendor's name in messages (a listing stopped by its paging guard). */
    private static final String VENDOR = "吉客云";
    public static final URI DEFAULT_ENDPOINT = URI.create("https://open.jackyun.com/open/openapi/do");
    /** The official sign example and most integrations send {@code v1.0}; some send {@code 1.0}. */
    public static final String DEFAULT_VERSION = "v1.0";
    /**
     * Jackyun publishes no rate limit; integrations serialise calls and pause between pages. 10 requests a
     * second is a conservative default; set the figure agreed with the vendor via {@link Builder#rateLimit}.
     */
    public static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.perSecond(10);

    private final URI endpoint;
    private final String appKey;
    private final Builder config;
    private final JackyunCaller caller;
    private final Warehouses warehouses;
    private final StockQuantities stockQuantities;
    private final StockDocuments stockDocuments;
    private final Trades trades;
    private final Skus skus;
    private final Transfers transfers;

    private final ClientSettings common;

    private JackyunClient(Builder b, URI endpoint, ClientSettings settings) {
        this.common = settings;
        this.config = b.copy();
        this.endpoint = endpoint;
        this.appKey = b.credentials.appKey();
        ObjectMapper mapper = JackyunJson.mapper(settings.objectMapper());
        // Knows the client's own secret and token, so that a vendor echoing one cannot carry it further.
        Redactor redactor = Redactor.defaults().remember(b.credentials.appSecret()).remember(b.token);
        Json json = new Json(mapper, redactor);
        EnvelopeInterceptor envelope = new EnvelopeInterceptor(mapper.getFactory(), redactor);
        HttpPipeline pipeline = settings.pipeline()
                .interceptor(envelope)
                .interceptor(new SigningInterceptor(b.credentials.appSecret(), settings.clock()))
                .redactor(redactor)
                .build();
        this.caller = new JackyunCaller(pipeline, envelope, json, redactor, endpoint, appKey, b.version, b.token,
                settings.clock(), settings.pagingGuard(VENDOR));
        this.warehouses = new Warehouses(caller);
        this.stockQuantities = new StockQuantities(caller);
        this.stockDocuments = new StockDocuments(caller);
        this.trades = new Trades(caller);
        this.skus = new Skus(caller);
        this.transfers = new Transfers(caller);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this client's settings, to derive a variant (other listeners, retry, interceptors or
     * timeouts). The clients it builds share this client's rate limiters (one app key, one budget) and its
     * transport: a default transport is closed when the last client sharing it is closed, a transport passed to
     * {@code transport(...)} never. A different {@code connectTimeout} gets a connection pool of its own.
     */
    public Builder newBuilder() {
        return config.derive(common);
    }

    /** 仓库. */
    public Warehouses warehouses() {
        return warehouses;
    }

    /** 库存 (stock quantities per SKU and warehouse). */
    public StockQuantities stockQuantities() {
        return stockQuantities;
    }

    /**
     * The old accessor.
     *
     * @deprecated resources are plural nouns named after what they list; use {@link #stockQuantities()}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public StockQuantities stock() {
        return stockQuantities();
    }

    /** 出入库单. */
    public StockDocuments stockDocuments() {
        return stockDocuments;
    }

    /** 销售单. */
    public Trades trades() {
        return trades;
    }

    /** 货品 (goods, one row per SKU). */
    public Skus skus() {
        return skus;
    }

    /** 调拨单. */
    public Transfers transfers() {
        return transfers;
    }

    /**
     * Calls a method Qiao does not model yet and returns its {@code result.data} (parsed twice when the vendor
     * sends it as a JSON string; a NullNode when absent). {@code bizcontent} is a JSON string sent verbatim, a
     * {@link JsonNode}, or any object serialised with this client's mapper (camelCase property names).
     *
     * <p>The call is treated as a write: it is retried only when the vendor refused it before processing
     * (throttling) or it never left this process. Use {@link #call(String, Object, boolean)} for reads.
     */
    public JsonNode call(String method, Object bizcontent) {
        return call(method, bizcontent, false);
    }

    /** As {@link #call(String, Object)}; {@code idempotent} reads are also retried on 5xx and timeouts. */
    public JsonNode call(String method, Object bizcontent, boolean idempotent) {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank (e.g. \"erp.warehouse.get\")");
        }
        return caller.data(method, bizcontent, idempotent);
    }

    /**
     * Any list method, paged as the typed resources page: calls {@code method} with {@code bizcontent} plus
     * {@code pageIndex} from 0 and {@code pageSize}, lazily, one request per page, until a page shorter than
     * {@code pageSize} (the vendor's totals are not trusted, VENDORS.md 2.5); a page that brings no records ends the
     * listing. The records are {@code result.data} when it is a list, else its first list field
     * ({@code goodsStockQuantity}, {@code goods}...), as JSON. A vendor that repeats a page is stopped with a
     * {@link io.qiao.client.PagingException}. Each page goes through the same signing, rate limit and retries as the
     * typed resources; pages are reads, retried on transport errors too. Methods paged by a cursor
     * ({@code scrollId}, {@code maxQuantityId}, {@code maxSkuId}) are not covered: use {@link #trades()},
     * {@link #stockQuantities()}, {@link #skus()} or {@link #call(String, Object, boolean)}.
     *
     * <pre>{@code
     * for (JsonNode goods : jackyun.pages("erp.storage.goodslist", Map.of("pageSize", 50))) { ... }
     * }</pre>
     *
     * @param method     the method, e.g. {@code erp.storage.goodslist}
     * @param bizcontent the method's other fields (camelCase); {@code pageSize} if set (else 100; the vendor's
     *                   usual maximum is 200); never {@code pageIndex}
     * @throws IllegalArgumentException when {@code method} is blank, {@code bizcontent} holds {@code pageIndex} or
     *                                  {@code pageSize} is not a positive number
     */
    public PagedIterable<JsonNode> pages(String method, Map<String, ?> bizcontent) {
        return JackyunPaging.any(caller, checkMethod(method), bizcontent, null);
    }

    /**
     * As {@link #pages(String, Map)} over a modified-time range: {@code range} (Beijing wall time, half-open) is split
     * into windows of at most 24 hours, the tightest limit Jackyun documents (subCode {@code 0050030002} otherwise;
     * set {@link TimeRange#maxWindow} for a method that allows more, such as seven days for
     * {@code oms.trade.fullinfoget}), each sent as {@code gmtModifiedStart}/{@code gmtModifiedEnd} (or the
     * {@link TimeRange#params names given}) from its first second to its last, inclusive, so consecutive windows
     * never ask for the same second twice, and paged from {@code pageIndex} 0. An empty range sends nothing.
     *
     * <pre>{@code
     * TimeRange may = TimeRange.between(Instant.parse("2024-04-30T16:00:00Z"), Instant.parse("2024-05-31T16:00:00Z"));
     * jackyun.pages("erp.storage.goodsdocin.v2", Map.of("selelctFields", "goodsdocNo,inOutDate"), may)
     *        .forEach(doc -> System.out.println(doc.path("goodsdocNo").asText()));
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #pages(String, Map)}, or when {@code bizcontent} holds the range's
     *                                  parameters
     */
    public PagedIterable<JsonNode> pages(String method, Map<String, ?> bizcontent, TimeRange range) {
        return JackyunPaging.any(caller, checkMethod(method), bizcontent, Objects.requireNonNull(range, "range"));
    }

    private static String checkMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank (e.g. \"erp.warehouse.get\")");
        }
        return method;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String appKey() {
        return appKey;
    }

    /** The live limiters this client paces with; pass them to another client of the same app key to share. */
    public RateLimits rateLimits() {
        return common.rateLimits();
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
        return "JackyunClient{endpoint=" + endpoint + ", appKey=" + appKey + "}";
    }

    /**
     * Settings of a {@link JackyunClient}; besides these, the common ones of {@link ClientBuilder} (endpoint,
     * transport or timeouts, object mapper, interceptors, retry, rate limits, listeners, clock). The endpoint is the
     * gateway, {@link #DEFAULT_ENDPOINT} unless testing against a simulator; rate limits default to
     * {@link #DEFAULT_RATE_LIMIT}. A caller's object mapper is copied and taught Jackyun's loose flags and dates.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private JackyunCredentials credentials;
        // What the deprecated appKey(...)/appSecret(...) were given until both are there; they then become
        // credentials, so that every way in ends on the one JackyunCredentials value the client is made from.
        private String pendingAppKey;
        private Secret pendingAppSecret;
        private String version = DEFAULT_VERSION;
        private Secret token;

        private Builder() {
            super(DEFAULT_ENDPOINT, () -> RateLimits.of(DEFAULT_RATE_LIMIT));
        }

        /** The open-platform application's {@code appkey} and secret; required. */
        public Builder credentials(JackyunCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.pendingAppKey = credentials.appKey();
            this.pendingAppSecret = credentials.appSecret();
            return this;
        }

        /**
         * The application's {@code appkey}.
         *
         * @deprecated use {@link #credentials(JackyunCredentials)} with {@link JackyunCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appKey(String appKey) {
            this.pendingAppKey = Objects.requireNonNull(appKey, "appKey");
            return combinePendingCredentials();
        }

        /**
         * The application's secret.
         *
         * @deprecated use {@link #credentials(JackyunCredentials)} with {@link JackyunCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appSecret(Secret appSecret) {
            this.pendingAppSecret = Objects.requireNonNull(appSecret, "appSecret");
            return combinePendingCredentials();
        }

        private Builder combinePendingCredentials() {
            // A blank key is reported by build(), naming the field, as it was before credentials(...) existed.
            this.credentials = pendingAppKey != null && !pendingAppKey.isBlank() && pendingAppSecret != null
                    ? JackyunCredentials.of(pendingAppKey, pendingAppSecret) : null;
            return this;
        }

        /** The {@code version} parameter: {@code v1.0} by default; some tenants use {@code 1.0}. */
        public Builder version(String version) {
            Objects.requireNonNull(version, "version");
            if (version.isBlank()) {
                throw new IllegalArgumentException("version must not be blank");
            }
            this.version = version;
            return this;
        }

        /** The ISV authorisation token, for apps acting for a merchant; sent as {@code token}, not signed. */
        public Builder token(Secret token) {
            this.token = token;
            return this;
        }

        /** One limit for every call of this client; replaces {@link #DEFAULT_RATE_LIMIT}. */
        public Builder rateLimit(RateLimit limit) {
            return rateLimits(RateLimits.of(Objects.requireNonNull(limit, "limit")));
        }

        public JackyunClient build() {
            if (credentials == null) {
                boolean none = (pendingAppKey == null || pendingAppKey.isBlank()) && pendingAppSecret == null;
                throw new IllegalStateException((none ? "credentials are required"
                        : "credentials are incomplete (" + (pendingAppSecret == null ? "appSecret" : "appKey")
                                + " not set)")
                        + ": call credentials(JackyunCredentials.of(appKey, appSecret)) with the 'appkey' of the "
                        + "open-platform application and its secret");
            }
            return new JackyunClient(this, configuredEndpoint(), settings());
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
            c.credentials = credentials;
            c.pendingAppKey = pendingAppKey;
            c.pendingAppSecret = pendingAppSecret;
            c.version = version;
            c.token = token;
            return c;
        }
    }
}
