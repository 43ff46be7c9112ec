package io.qiao.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.archive.internal.ErrorInterceptor;
import io.qiao.archive.internal.ArchiveOperations;
import io.qiao.archive.internal.ArchiveTokens;
import io.qiao.archive.internal.SoapFaultInterceptor;
import io.qiao.archive.internal.SoapOperations;
import io.qiao.archive.model.RetentionPeriod;
import io.qiao.client.ClientBuilder;
import io.qiao.client.ClientSettings;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.RateLimits;
import io.qiao.client.Redactor;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The client of a 文书档案 archive system (token auth, query, create, file upload; VENDORS.md 4.1).
 *
 * <pre>{@code
 * ArchiveClient archive = ArchiveClient.builder()
 *     .endpoint("https://archive.example.com")
 *     .credentials(ArchiveCredentials.of("your_app_key", Secret.fromEnv("ARCHIVE_APP_SECRET")))
 *     .build();
 * PushResult r = archive.archives().push(metadata, List.of(ArchiveFile.of(Path.of("会议纪要.pdf"))));
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per archive system and app key, and share it. All threads share one
 * access token, one connection pool and one set of rate limiters.
 */
public final class ArchiveClient implements AutoCloseable {
    private final URI endpoint;
    private final Archives archives;
    private final MetadataValidator validator;
    private final Builder settings;

    private final ClientSettings common;

    private ArchiveClient(Builder b, URI endpoint, ClientSettings common) {
        this.common = common;
        this.settings = b.copy();
        this.endpoint = endpoint;
        this.validator = b.validator;
        // The redactor learns the app secret here and each access token as it arrives (ArchiveTokens), so that an
        // archive system echoing one cannot carry it into an exception, a log line or a status file.
        b.redactor.remember(b.credentials.appSecret());
        Json json = new Json(common.objectMapper(), b.redactor);
        Function<ArchiveTokens.Source, ArchiveTokens> tokens = source -> new ArchiveTokens(source, b.redactor,
                b.tokenRefreshMargin, b.tokenMaxAge, common.clock());
        ArchiveOperations ops;
        if (b.soap == null) {
            ErrorInterceptor errors = new ErrorInterceptor(json.mapper());
            HttpPipeline auth = common.pipeline().redactor(b.redactor).interceptor(errors).build();
            ArchiveTokens restTokens = tokens.apply(ArchiveTokens.rest(auth, resolve("api/auth/token"),
                    b.credentials.appKey(), b.credentials.appSecret(), json));
            // The token goes on outside the rate limiter (HttpPipeline.Builder.authentication), so the one re-send
            // after a 401 waits for a permit of its own like every other request.
            HttpPipeline api = common.pipeline().redactor(b.redactor).interceptor(errors)
                    .authentication(restTokens.interceptor()).build();
            ops = new RestOperations(this, api, json, b.uploadTimeout);
        } else {
            SoapFaultInterceptor faults = new SoapFaultInterceptor(b.soap);
            HttpPipeline soap = common.pipeline().redactor(b.redactor).interceptor(faults).build();
            ops = new SoapOperations(b.soap, b.soap.endpoint().orElseGet(() -> serviceAddress(endpoint)), soap, soap,
                    b.credentials.appKey(), b.credentials.appSecret(), tokens, json, b.uploadTimeout);
        }
        this.archives = new Archives(ops, b.redactor, validator, b.retentionStyle, b.lookupBeforeCreate,
                common.pagingGuard("archive system"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The SOAP service's address when the mapping names none: the endpoint as given. The builder added a trailing
     * {@code /} for the REST paths; a service address is not a root, so it goes again (a service whose address ends
     * in {@code /} sets it in the mapping).
     */
    private static URI serviceAddress(URI endpoint) {
        String s = endpoint.toString();
        return endpoint.getPath().length() > 1 && s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : endpoint;
    }

    /**
     * A builder with this client's settings, to derive a variant (other listeners, retry, interceptors or
     * timeouts). The clients it builds share this client's rate limiters and its transport: a default transport is
     * closed when the last client sharing it is closed, a transport passed to {@code transport(...)} never. A
     * different {@code connectTimeout} gets a connection pool of its own. Each derived client obtains its own token.
     */
    public Builder newBuilder() {
        return settings.derive(common);
    }

    /** Query, create, upload and push. */
    public Archives archives() {
        return archives;
    }

    /**
     * Any archive API this client has no method for: POSTs {@code body} (an object serialised as JSON, a JsonNode, or
     * a JSON string; null is {@code {}}) to {@code path} below the endpoint, with the access token, and returns the
     * whole answer as JSON (the archive systems wrap answers differently, so none is unwrapped; an empty answer is a
     * NullNode). Treated as a write: not repeated after an unclear failure. Use
     * {@link #call(String, Object, boolean)} for reads.
     *
     * @param path the API's path below the endpoint, e.g. {@code /api/archive/create}
     * @throws IllegalArgumentException when {@code path} does not start with a single '/'
     */
    public JsonNode call(String path, Object body) {
        return call(path, body, false);
    }

    /** As {@link #call(String, Object)}; {@code idempotent} lets the retry policy repeat it after transient failures. */
    public JsonNode call(String path, Object body, boolean idempotent) {
        return archives.call(path, body, idempotent);
    }

    /**
     * Any query API, paged as {@link Archives#query} pages: GETs {@code path} below the endpoint with {@code params}
     * plus {@code page} from 1 and {@code pageSize} as query parameters, lazily, one request per page, until a full
     * page reaches the reported {@code total} (or, without one, a short page); a page that brings no records ends the
     * listing. The records are the answer when it is a list, else its (or its {@code data}'s) {@code records},
     * {@code list}, {@code rows} or {@code items}, as JSON. A system that repeats a page is stopped with a
     * {@link io.qiao.client.PagingException}. Each page goes through the same token, rate limits and retries as the
     * typed calls.
     *
     * <p>There is no windowed variant: the archive API (VENDORS.md 4.1) filters by document date
     * ({@code startDate}/{@code endDate}, whole days, inclusive), has no modified-time filter and states no cap on a
     * query's range, so there is nothing to split; put the dates in {@code params}.
     *
     * <pre>{@code
     * for (JsonNode r : archive.pages("/api/archive/query", Map.of("startDate", "2024-05-01", "endDate", "2024-05-31"))) { ... }
     * }</pre>
     *
     * @param path   the API's path below the endpoint, e.g. {@code /api/archive/query}
     * @param params the other query parameters (values sent as text); {@code pageSize} if set (else 100); never
     *               {@code page}
     * @throws IllegalArgumentException when {@code path} does not start with a single '/', {@code params} holds
     *                                  {@code page} or {@code pageSize} is not a positive number
     */
    public PagedIterable<JsonNode> pages(String path, Map<String, ?> params) {
        return archives.pages(path, params);
    }

    /** The rules records are checked against before they are sent. */
    public MetadataValidator validator() {
        return validator;
    }

    /** The archive system's root this client calls, always ending in {@code /}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The live limiters this client paces with (none unless set); pass them to another client of the same account to
     * share.
     */
    public RateLimits rateLimits() {
        return common.rateLimits();
    }

    /**
     * The archive system's root.
     *
     * @deprecated use {@link #endpoint()}, the name every Qiao client uses
     */
    @Deprecated(forRemoval = true)
    public URI baseUrl() {
        return endpoint();
    }

    URI resolve(String path) {
        return endpoint.resolve(path);
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
        return "ArchiveClient{" + endpoint + ", appKey " + settings.credentials.appKey() + "}";
    }

    /**
     * Settings of an {@link ArchiveClient}; besides these, the common ones of {@link ClientBuilder} (endpoint,
     * transport or timeouts, object mapper, interceptors, retry, rate limits, listeners, clock). The endpoint, the
     * archive system's root (e.g. {@code https://archive.example.com}, the paths {@code api/...} hang below it), is
     * required; a missing trailing {@code /} is added, because the API paths are resolved relative to it and a root
     * without one would lose its last segment. The request timeout is the time allowed for an ordinary
     * call (token, query, create); uploads have their own, {@link #uploadTimeout(Duration)}. Rate limits: none
     * unless set; endpoint classes {@code auth}, {@code upload} and {@code default} (query, create), a class
     * without limits of its own using {@code default}'s.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        /** The longest token refresh margin accepted. */
        private static final Duration MAX_REFRESH_MARGIN = Duration.ofDays(1);
        /** The longest token age accepted: a token kept longer than a year is not a token that expires. */
        private static final Duration MAX_TOKEN_AGE = Duration.ofDays(366);
        /** The longest upload timeout accepted: a day covers a very large scan on a very slow line. */
        private static final Duration MAX_UPLOAD_TIMEOUT = Duration.ofDays(1);

        private ArchiveCredentials credentials;
        // What the deprecated appKey(...)/appSecret(...) were given until both are there; they then become
        // credentials, so that every way in ends on the one ArchiveCredentials value the client is made from.
        private String pendingAppKey;
        private Secret pendingAppSecret;
        private Duration tokenRefreshMargin = Duration.ofMinutes(5);
        private Duration tokenMaxAge;
        private Duration uploadTimeout = Duration.ofMinutes(30);
        private Redactor redactor = Redactor.defaults();
        private MetadataValidator validator;
        private RetentionPeriod.Style retentionStyle = RetentionPeriod.Style.LEGACY;
        private boolean lookupBeforeCreate = true;
        private SoapMapping soap;

        private Builder() {
            super(RateLimits::none);
        }

        /** Adds the trailing {@code /} the API paths are resolved against. */
        @Override
        protected URI normalizeEndpoint(URI endpoint) {
            String s = endpoint.toString();
            return URI.create(s.endsWith("/") ? s : s + "/");
        }

        /**
         * The archive system's root.
         *
         * @deprecated use {@link #endpoint(String)}, the name every Qiao client uses
         */
        @Deprecated(forRemoval = true)
        public Builder baseUrl(String baseUrl) {
            return endpoint(baseUrl);
        }

        /**
         * The archive system's root.
         *
         * @deprecated use {@link #endpoint(URI)}, the name every Qiao client uses
         */
        @Deprecated(forRemoval = true)
        public Builder baseUrl(URI baseUrl) {
            return endpoint(baseUrl);
        }

        /** The app key and secret the archive system issued; required. */
        public Builder credentials(ArchiveCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.pendingAppKey = credentials.appKey();
            this.pendingAppSecret = credentials.appSecret();
            return this;
        }

        /**
         * The app key.
         *
         * @deprecated use {@link #credentials(ArchiveCredentials)} with {@link ArchiveCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appKey(String appKey) {
            if (appKey == null || appKey.isBlank()) {
                throw new IllegalArgumentException("appKey must not be blank");
            }
            this.pendingAppKey = appKey;
            return combinePendingCredentials();
        }

        /**
         * The app secret.
         *
         * @deprecated use {@link #credentials(ArchiveCredentials)} with {@link ArchiveCredentials#of(String, Secret)}
         */
        @Deprecated(forRemoval = true)
        public Builder appSecret(Secret appSecret) {
            this.pendingAppSecret = Objects.requireNonNull(appSecret, "appSecret");
            return combinePendingCredentials();
        }

        private Builder combinePendingCredentials() {
            this.credentials = pendingAppKey != null && pendingAppSecret != null
                    ? ArchiveCredentials.of(pendingAppKey, pendingAppSecret) : null;
            return this;
        }

        /** How long before {@code expiresIn} runs out the token is replaced; 5 minutes unless set, at most a day. */
        public Builder tokenRefreshMargin(Duration margin) {
            this.tokenRefreshMargin = nonNegative(margin, "tokenRefreshMargin", MAX_REFRESH_MARGIN);
            return this;
        }

        /**
         * The longest a token is used, however long the archive system says it lives: the old scripts'
         * {@code token_refresh_interval}. Unset: only {@code expiresIn} minus the margin counts. At most 366 days.
         */
        public Builder tokenMaxAge(Duration maxAge) {
            this.tokenMaxAge = positive(maxAge, "tokenMaxAge", MAX_TOKEN_AGE);
            return this;
        }

        /** The time allowed for one file upload, which a 500 MB scan needs; 30 minutes unless set, at most a day. */
        public Builder uploadTimeout(Duration timeout) {
            this.uploadTimeout = positive(timeout, "uploadTimeout", MAX_UPLOAD_TIMEOUT);
            return this;
        }

        /**
         * Masks logs and exceptions; {@link Redactor#defaults()} unless set. The client makes it
         * {@linkplain Redactor#remember remember} the app secret and every access token it obtains.
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** The rules records must pass; {@link MetadataValidator#defaults()} unless set. */
        public Builder validator(MetadataValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * How retention periods are written on the wire. {@link RetentionPeriod.Style#LEGACY} (永久/30年/10年/短期)
         * unless set, because that is what the archive systems of the existing integrations were sent and accepted.
         */
        public Builder retentionStyle(RetentionPeriod.Style style) {
            this.retentionStyle = Objects.requireNonNull(style, "retentionStyle");
            return this;
        }

        /**
         * Whether {@code push} looks the 档号 up before creating (true unless set). Keep it on unless the archive
         * system is known to refuse a duplicate 档号 with 409: only the lookup protects a system that does not.
         */
        public Builder lookupBeforeCreate(boolean lookupBeforeCreate) {
            this.lookupBeforeCreate = lookupBeforeCreate;
            return this;
        }

        /**
         * Calls the archive system's SOAP web service, named as {@code mapping} says, instead of its REST API. Every
         * higher-level behaviour (validation, the idempotent {@code push}, streaming, retries, the sync sink) is the
         * same; {@link ArchiveClient#call} and {@link ArchiveClient#pages} are REST-only. Unset: REST.
         */
        public Builder soap(SoapMapping mapping) {
            this.soap = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /**
         * Takes the endpoint ({@code base_url}), app key, secret and token lifetime from an {@code archive_config.ini},
         * and its {@code [soap]} section when there is one ({@link ArchiveConfig#soap()}).
         */
        public Builder config(ArchiveConfig config) {
            endpoint(config.baseUrl());
            config.soap().ifPresent(this::soap);
            credentials(ArchiveCredentials.of(config.appKey(), config.appSecret()));
            config.tokenRefreshInterval().ifPresent(this::tokenMaxAge);
            // The old scripts picked files up from inbound_dir; confine uploads to it.
            if (validator == null) {
                config.inboundDir().ifPresent(dir -> validator(MetadataValidator.builder().inboundDirectory(dir).build()));
            }
            return this;
        }

        public ArchiveClient build() {
            List<String> missing = new ArrayList<>();
            if (configuredEndpoint() == null) {
                missing.add("endpoint is required: call endpoint(\"https://archive.example.com\")");
            }
            if (credentials == null) {
                missing.add((pendingAppKey == null && pendingAppSecret == null
                        ? "credentials are required"
                        : "credentials are incomplete (" + (pendingAppKey == null ? "appKey" : "appSecret") + " not set)")
                        + ": call credentials(ArchiveCredentials.of(appKey, appSecret))");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(String.join("; ", missing));
            }
            if (validator == null) {
                validator = MetadataValidator.defaults();
            }
            return new ArchiveClient(this, configuredEndpoint(), settings());
        }

        /** A copy sharing the rate limiters and transport of the client that was built with {@code built}. */
        private Builder derive(ClientSettings built) {
            Builder c = copy();
            c.shareResourcesOf(built);
            return c;
        }

        private Builder copy() {
            Builder c = new Builder();
            c.credentials = credentials;
            c.pendingAppKey = pendingAppKey;
            c.pendingAppSecret = pendingAppSecret;
            c.tokenRefreshMargin = tokenRefreshMargin;
            c.tokenMaxAge = tokenMaxAge;
            c.copyCommonSettings(this);
            c.uploadTimeout = uploadTimeout;
            c.redactor = redactor;
            c.validator = validator;
            c.retentionStyle = retentionStyle;
            c.lookupBeforeCreate = lookupBeforeCreate;
            c.soap = soap;
            return c;
        }
    }
}
