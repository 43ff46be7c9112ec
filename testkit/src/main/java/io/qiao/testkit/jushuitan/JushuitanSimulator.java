package io.qiao.testkit.jushuitan;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.qiao.testkit.SimulatorServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A stateful stand-in for the 聚水潭 open platform (VENDORS.md section 1), on WireMock, for tests, samples and
 * benchmarks. It checks what the real platform checks, from the vendor's rules and independently of any Qiao
 * client: the form fields, the MD5 sign (code 10), the timestamp (code 140), the access token (code 100, also
 * after {@link #expireTokens()}), 5 requests a second and 100 a minute per app key over sliding windows
 * (codes 199 and 200; {@link Builder#limitsEnforced(boolean)}), and query windows over seven days. It serves
 * a deterministic {@link JushuitanDataSet}, accepts uploads, and injects faults on request.
 *
 * <pre>{@code
 * try (JushuitanSimulator jst = JushuitanSimulator.builder().documents(500).build().start()) {
 *     client = JushuitanClient.builder().endpoint(jst.endpoint())
 *         .appKey(jst.credentials().appKey()).appSecret(Secret.of(jst.credentials().appSecret())).build();
 * }
 * }</pre>
 *
 * <p>Build a client with {@link #endpoint()} and {@link #credentials()}. It listens on 127.0.0.1, on a random free
 * port unless given one; its lifecycle is the one every simulator has ({@link SimulatorServer}).
 *
 * <p>WireMock's request journal is disabled so that long runs stay fast; use the counters instead.
 */
public final class JushuitanSimulator implements SimulatorServer {
    /** The app_key the platform accepts, unless built with another {@link Builder#appKey}. */
    public static final String DEFAULT_APP_KEY = "qiao-jst-app";
    /** The app_secret signs are checked with, unless built with another {@link Builder#appSecret}. */
    public static final String DEFAULT_APP_SECRET = "qiao-jst-secret";

    private final Builder config;
    private final JushuitanHandler handler;
    private WireMockServer server;

    private JushuitanSimulator(Builder b) {
        this.config = b;
        this.handler = new JushuitanHandler(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a simulator as its own process until it is killed, for samples and manual tries:
     * {@code java -cp qiao-testkit.jar:... io.qiao.testkit.jushuitan.JushuitanSimulator [--port 8089]
     * [--documents 12000] [--latency-ms 20] [--no-limits]}.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> b.port(Integer.parseInt(value(args, ++i, "--port")));
                case "--documents" -> b.documents(Integer.parseInt(value(args, ++i, "--documents")));
                case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(value(args, ++i, "--latency-ms"))));
                case "--no-limits" -> b.limitsEnforced(false);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --port N, --documents N, --latency-ms N, --no-limits)");
            }
        }
        JushuitanSimulator sim = b.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "jushuitan-simulator-stop"));
        System.out.println("Jushuitan simulator at " + sim.endpoint() + "  app_key=" + sim.appKey() + "  app_secret="
                + sim.appSecret() + "  documents=" + sim.otherInOutCount() + " modified in [" + sim.dataSet().start()
                + ", " + sim.dataSet().end() + ") Asia/Shanghai");
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A simulator with the defaults: 1,000 documents, limits enforced, no latency. Not started. */
    public static JushuitanSimulator create() {
        return builder().build();
    }

    /** Starts on a random free port (or the configured one). Returns this, for chaining. */
    @Override
    public synchronized JushuitanSimulator start() {
        if (server != null) {
            return this;
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .disableRequestJournal()
                .notifier(new Slf4jNotifier(false))
                .extensions(handler);
        if (config.port > 0) {
            options.port(config.port);
        } else {
            options.dynamicPort();
        }
        WireMockServer s = new WireMockServer(options);
        s.start();
        s.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(200)));
        server = s;
        return this;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** The API host to give {@code JushuitanClient.Builder.endpoint}: {@code http://127.0.0.1:<port>}. */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * {@code http://127.0.0.1:<port>}: the client's endpoint, as a string.
     *
     * @deprecated use {@link #endpoint()}.
     */
    @Deprecated(forRemoval = true)
    public String baseUrl() {
        return endpoint().toString();
    }

    /**
     * The client's endpoint.
     *
     * @deprecated use {@link #endpoint()}, which returns the same URI.
     */
    @Deprecated(forRemoval = true)
    public URI baseUri() {
        return endpoint();
    }

    @Override
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the Jushuitan simulator is not started; call start() first");
        }
        return server.port();
    }

    /** The app_key, app_secret and ISV authorisation code this platform accepts. */
    public JushuitanSimulatorCredentials credentials() {
        return new JushuitanSimulatorCredentials(config.appKey, config.appSecret, config.authorizationCode);
    }

    /** The same as {@code credentials().appKey()}. */
    public String appKey() {
        return config.appKey;
    }

    /** The same as {@code credentials().appSecret()}. */
    public String appSecret() {
        return config.appSecret;
    }

    /** The authorisation code {@code /openWeb/auth/accessToken} accepts (ISV flow); {@code credentials().authorizationCode()}. */
    public String authorizationCode() {
        return config.authorizationCode;
    }

    /** The records as generated; uploads and touches since are not in it. */
    public JushuitanDataSet dataSet() {
        return handler.dataSet();
    }

    /** How many other in/out documents the simulator serves now (generated + uploaded). */
    public int otherInOutCount() {
        return handler.otherInOutCount();
    }

    /** The faults to inject: {@code sim.faults().next("/open/other/inout/query", JushuitanFault.httpStatus(503), 2)}. */
    public JushuitanFaults faults() {
        return handler.faults();
    }

    /** Every access token issued so far is refused from now on with code 100, as after its expiry. */
    public void expireTokens() {
        handler.expireTokens();
    }

    /** Switches the 5/s and 100/min enforcement on or off while running. */
    public void limitsEnforced(boolean enforced) {
        handler.limitsEnforced(enforced);
    }

    /** Sets the simulated latency of every answer while running. */
    public void latency(Duration latency) {
        handler.latency(latency);
    }

    /** Moves a document to a new modification time, as an edit in the ERP would. */
    public void touch(long ioId, LocalDateTime modified) {
        handler.touch(ioId, modified);
    }

    /** Requests received (all paths, every answer). */
    public long requestCount() {
        return handler.requestCount(null);
    }

    public long requestCount(String path) {
        return handler.requestCount(path);
    }

    /** Requests to the three token endpoints. */
    public long tokenRequestCount() {
        return handler.tokenRequestCount();
    }

    /** Answers with code 199 or 200 caused by the enforced limits (injected faults not included). */
    public long throttledCount() {
        return handler.throttledCount();
    }

    /** Answers with code {@code code}, injected faults included. */
    public long answerCount(int code) {
        return handler.answerCount(code);
    }

    /** The biz JSON of the requests to {@code path} most recently received (at most the last 100). */
    public List<String> recentBiz(String path) {
        return handler.recentBiz(path);
    }

    /** Clears faults, counters, rate windows, tokens, uploads and touches: a fresh simulator with the same data. */
    public void reset() {
        handler.reset();
    }

    @Override
    public String toString() {
        return "JushuitanSimulator{" + (server == null ? "stopped" : endpoint()) + ", appKey=" + config.appKey + "}";
    }

    public static final class Builder {
        String appKey = DEFAULT_APP_KEY;
        String appSecret = DEFAULT_APP_SECRET;
        String authorizationCode = "qiao-auth-code";
        int port;
        int documents = 1_000;
        long seed = 20240501L;
        LocalDateTime dataStart = LocalDateTime.of(2024, 5, 1, 0, 0, 0);
        Duration dataSpan = Duration.ofDays(28);
        boolean recentData;
        boolean limitsEnforced = true;
        int perSecond = 5;
        int perMinute = 100;
        Duration latency = Duration.ZERO;
        Duration tokenLifetime = Duration.ofDays(30);
        Duration maxSkew = Duration.ofMinutes(10);
        boolean isvApp;
        Clock clock = Clock.systemUTC();
        String orderOutListKey = "datas";

        private Builder() {
        }

        public Builder appKey(String appKey) {
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        public Builder authorizationCode(String code) {
            this.authorizationCode = Objects.requireNonNull(code, "authorizationCode");
            return this;
        }

        /** A fixed port; random by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How many other in/out documents to generate (default 1,000). */
        public Builder documents(int documents) {
            if (documents < 0) {
                throw new IllegalArgumentException("documents must not be negative, was " + documents);
            }
            this.documents = documents;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The data span ({@code 28 days} unless {@link #dataWindow} set another) ends at the simulator clock's
         * "now" when the simulator starts, instead of at the fixed default start 2024-05-01 00:00 Shanghai: a
         * client asking for the last 7 days then gets records (about a quarter of them). Replaces the start of
         * {@link #dataWindow}; the records themselves stay the same for the same seed, only shifted in time.
         */
        public Builder recentData() {
            this.recentData = true;
            return this;
        }

        /** The documents' modification times lie in {@code [start, start + span)}, Shanghai local time. */
        public Builder dataWindow(LocalDateTime start, Duration span) {
            this.recentData = false;
            this.dataStart = Objects.requireNonNull(start, "start").withNano(0);
            if (span.toSeconds() < 60) {
                throw new IllegalArgumentException("data span must be at least a minute, was " + span);
            }
            this.dataSpan = span;
            return this;
        }

        /** Whether 5/s and 100/min are enforced (default true). */
        public Builder limitsEnforced(boolean enforced) {
            this.limitsEnforced = enforced;
            return this;
        }

        /** Other limits than the vendor's 5 a second and 100 a minute (to test throttling quickly). */
        public Builder limits(int perSecond, int perMinute) {
            if (perSecond < 1 || perMinute < 1) {
                throw new IllegalArgumentException("limits must be at least 1, were " + perSecond + "/s and " + perMinute + "/min");
            }
            this.perSecond = perSecond;
            this.perMinute = perMinute;
            return this;
        }

        /** A delay before every answer (default none). */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** The {@code expires_in} of issued tokens (default 30 days). */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("token lifetime must be at least a second, was " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Simulate an ISV app: refreshToken answers code 150. */
        public Builder isvApp(boolean isvApp) {
            this.isvApp = isvApp;
            return this;
        }

        /**
         * The key {@code /open/orders/out/simple/query} lists its documents under: {@code datas} (the default, as
         * ieu/jst-java's field list has it) or another, e.g. {@code orders}, as a public Python client reads it.
         */
        public Builder orderOutListKey(String key) {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("orderOutListKey must not be blank");
            }
            this.orderOutListKey = key;
            return this;
        }

        /** The clock for token expiry and timestamp checks. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JushuitanSimulator build() {
            return new JushuitanSimulator(this);
        }
    }
}
