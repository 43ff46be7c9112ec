package io.qiao.jackyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.ClientBuilder;
import io.qiao.client.ClientSettings;
import io.qiao.client.HttpPipeline;
import io.qiao.client.Json;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Redactor;
import io.qiao.client.Secret;
import io.qiao.jackyun.internal.EnvelopeInterceptor;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunJson;
import io.qiao.jackyun.internal.SigningInterceptor;
import java.net.URI;
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
    private final JackyunCaller caller;
    private final Warehouses warehouses;
    private final StockQuantities stockQuantities;
    private final StockDocuments stockDocuments;
    private final Trades trades;

    private final ClientSettings common;

    private JackyunClient(Builder b, ClientSettings settings) {
        this.common = settings;
        this.endpoint = b.endpoint;
        this.appKey = b.credentials.appKey();
        ObjectMapper mapper = JackyunJson.mapper(b.mapper != null ? b.mapper : Json.newMapper());
        // Knows the client's own secret and token, so that a vendor echoing one cannot carry it further.
        Redactor redactor = Redactor.defaults().remember(b.credentials.appSecret()).remember(b.token);
        Json json = new Json(mapper, redactor);
        EnvelopeInterceptor envelope = new EnvelopeInterceptor(mapper.getFactory(), redactor);
        HttpPipeline pipeline = settings.pipeline()
                .interceptor(envelope)
                .interceptor(new SigningInterceptor(b.credentials.appSecret(), settings.clock()))
                .redactor(redactor)
                .build();
        this.caller = new JackyunCaller(pipeline, envelope, json, redactor, b.endpoint, appKey, b.version, b.token,
                settings.clock(), settings.pagingGuard(VENDOR));
        this.warehouses = new Warehouses(caller);
        this.stockQuantities = new StockQuantities(caller);
        this.stockDocuments = new StockDocuments(caller);
        this.trades = new Trades(caller);
    }

    public static Builder builder() {
        return new Builder();
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

    public URI endpoint() {
        return endpoint;
    }

    public String appKey() {
        return appKey;
    }

    /**
     * Closes what this client created: the default transport's connection pool (not a transport given to
     * {@code transport(...)}, which stays open for whoever else uses it). On Java 17 the JDK {@code HttpClient} has
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
     * Settings of a {@link JackyunClient}; besides these, the common ones of {@link ClientBuilder} (transport or
     * timeouts, retry, rate limits, listeners, clock). Rate limits default to {@link #DEFAULT_RATE_LIMIT}.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private URI endpoint = DEFAULT_ENDPOINT;
        private JackyunCredentials credentials;
        // What the deprecated appKey(...)/appSecret(...) were given until both are there; they then become
        // credentials, so that every way in ends on the one JackyunCredentials value the client is made from.
        private String pendingAppKey;
        private Secret pendingAppSecret;
        private String version = DEFAULT_VERSION;
        private Secret token;
        private ObjectMapper mapper;

        private Builder() {
            super(() -> RateLimits.of(DEFAULT_RATE_LIMIT));
        }

        /** The gateway, {@code https://open.jackyun.com/open/openapi/do} unless testing against a simulator. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder endpoint(String endpoint) {
            return endpoint(URI.create(Objects.requireNonNull(endpoint, "endpoint")));
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

        /** The caller's own mapper; a copy is configured for Jackyun's loose JSON, the original is untouched. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
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
            return new JackyunClient(this, settings());
        }
    }
}
