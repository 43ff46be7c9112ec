package io.qiao.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code qiao.*}: the four clients, the state stores, the scheduled jobs and the alerts. The
 * names are the starter's contract (see the module README). Secrets are plain strings here because Spring binds
 * them so; they become {@link io.qiao.client.Secret}s when a client is built, this class has no {@code toString}
 * that could print them, and {@link QiaoSanitizingFunction} masks them in {@code /actuator/env} and
 * {@code /actuator/configprops}.
 */
@ConfigurationProperties(prefix = "qiao")
public class QiaoProperties {

    /** 吉客云: a {@code JackyunClient} bean is made when {@code qiao.jackyun.endpoint} is set. */
    private final Jackyun jackyun = new Jackyun();
    /** 聚水潭: a {@code JushuitanClient} bean is made when {@code qiao.jushuitan.endpoint} is set. */
    private final Jushuitan jushuitan = new Jushuitan();
    /** 金蝶 KIS: a {@code KisClient} bean is made when {@code qiao.kis.endpoint} is set. */
    private final Kis kis = new Kis();
    /** The archive system: an {@code ArchiveClient} bean is made when {@code qiao.archive.endpoint} is set. */
    private final Archive archive = new Archive();
    /** Checkpoint and dead-letter tables on the application's DataSource. */
    private final State state = new State();
    /** Scheduled jobs, by the {@code name()} of their SyncJob bean. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** Webhook alerts of failed runs, dead letters and stale jobs. */
    private final Alerts alerts = new Alerts();
    /** The console's pages under the application's server (when {@code qiao-console} is on the class path). */
    private final Console console = new Console();

    public Jackyun getJackyun() {
        return jackyun;
    }

    public Jushuitan getJushuitan() {
        return jushuitan;
    }

    public Kis getKis() {
        return kis;
    }

    public Archive getArchive() {
        return archive;
    }

    public State getState() {
        return state;
    }

    public Map<String, Job> getJobs() {
        return jobs;
    }

    public Alerts getAlerts() {
        return alerts;
    }

    public Console getConsole() {
        return console;
    }

    /** 吉客云 open platform. */
    public static class Jackyun {
        /** The gateway address, e.g. https://open.jackyun.com/open/openapi/do. */
        private String endpoint;
        /** The open-platform application's appkey. */
        private String appKey;
        /** The application's secret; never logged. */
        private String appSecret;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }
    }

    /** 聚水潭 open platform. */
    public static class Jushuitan {
        /** The API root, e.g. https://openapi.jushuitan.com. */
        private String endpoint;
        /** The app key. */
        private String appKey;
        /** The app secret; never logged. */
        private String appSecret;
        /** A fixed access token obtained elsewhere, used as is; never logged. */
        private String accessToken;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }
    }

    /** 金蝶 KIS cloud, gateway (app_key/app_secret) flow. */
    public static class Kis {
        /** The API gateway, e.g. https://api.kingdee.com. */
        private String endpoint;
        /** The gateway client's client_id. */
        private String clientId;
        /** The gateway client's secret; never logged. */
        private String clientSecret;
        /** The account's app_key (optional with outer-instance-id, which can discover it). */
        private String appKey;
        /** The account's app_secret; never logged. */
        private String appSecret;
        /** The account's router address (its domain); or set outer-instance-id to discover it. */
        private String routerAddress;
        /** The outer instance id, to discover the router address (and app key) instead of configuring them. */
        private String outerInstanceId;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }

        public String getRouterAddress() {
            return routerAddress;
        }

        public void setRouterAddress(String routerAddress) {
            this.routerAddress = routerAddress;
        }

        public String getOuterInstanceId() {
            return outerInstanceId;
        }

        public void setOuterInstanceId(String outerInstanceId) {
            this.outerInstanceId = outerInstanceId;
        }
    }

    /** The archive system. */
    public static class Archive {
        /** The archive system's root address. */
        private String endpoint;
        /** The app key the archive system issued. */
        private String appKey;
        /** The app secret; never logged. */
        private String appSecret;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }
    }

    /** The checkpoint and dead-letter stores on the application's DataSource. */
    public static class State {
        /** Create the qiao_checkpoint and qiao_dead_letter tables at startup when they are missing. */
        private boolean initializeSchema;

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** One scheduled job. */
    public static class Job {
        /** Run the job this long after its previous run ended (the first run starts at startup). */
        private Duration every;
        /** Whether to schedule the job at all. */
        private boolean enabled = true;
        /** Health turns DOWN when the job has not succeeded for this long; unset: never stale. */
        private Duration staleAfter;

        public Duration getEvery() {
            return every;
        }

        public void setEvery(Duration every) {
            this.every = every;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getStaleAfter() {
            return staleAfter;
        }

        public void setStaleAfter(Duration staleAfter) {
            this.staleAfter = staleAfter;
        }
    }

    /** Webhook alerts. */
    public static class Alerts {
        /** A DingTalk group robot. */
        private final DingTalk dingtalk = new DingTalk();
        /** A WeCom group robot. */
        private final WeCom wecom = new WeCom();
        /** Alert when one run dead-letters at least this many records; 0 turns that alert off. */
        private long deadLetterThreshold = 1;

        public DingTalk getDingtalk() {
            return dingtalk;
        }

        public WeCom getWecom() {
            return wecom;
        }

        public long getDeadLetterThreshold() {
            return deadLetterThreshold;
        }

        public void setDeadLetterThreshold(long deadLetterThreshold) {
            this.deadLetterThreshold = deadLetterThreshold;
        }
    }

    /** A DingTalk group robot. */
    public static class DingTalk {
        /** The robot's webhook URL; it carries the access_token, so it is masked like a secret. */
        private String webhook;
        /** The robot's signing (加签) secret, SEC...; never logged. */
        private String secret;

        public String getWebhook() {
            return webhook;
        }

        public void setWebhook(String webhook) {
            this.webhook = webhook;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }
    }

    /** A WeCom group robot. */
    public static class WeCom {
        /** The robot's webhook URL; it carries the key, so it is masked like a secret. */
        private String webhook;

        public String getWebhook() {
            return webhook;
        }

        public void setWebhook(String webhook) {
            this.webhook = webhook;
        }
    }

    /** The Qiao console mounted in the application's servlet container. */
    public static class Console {
        /** Whether to mount the console (it needs {@code qiao-console} on the class path and a servlet web application). */
        private boolean enabled = true;
        /** Where the pages are served, below the application's context path; {@code /qiao} serves {@code /qiao/}. */
        private String path = "/qiao";
        /**
         * The token that allows replay, purge, reset and reconcile in the {@code X-Qiao-Token} header (at least 8
         * characters) when the application's security has not authenticated the request; masked like a secret.
         */
        private String token;
        /**
         * Where the runs and API calls the console charts are recorded ({@code runs.jsonl}, {@code api-calls.jsonl},
         * each rotated to {@code .1} past 8 and 16 MB); unset: {@code qiao-console} in Boot's application temp
         * directory (one per application and user, kept across restarts, not across a cleaned temp directory).
         */
        private String historyDir;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getHistoryDir() {
            return historyDir;
        }

        public void setHistoryDir(String historyDir) {
            this.historyDir = historyDir;
        }
    }
}
