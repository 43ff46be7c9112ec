package io.qiao.connect;

import io.qiao.client.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of {@link QiaoSourceConnector} (the keys are a contract: users write them into connector JSON), read
 * once into values. Secrets stay {@link Password}s, whose {@code toString()} is {@code [hidden]}, until a client is
 * built from them.
 */
final class SourceConfig extends AbstractConfig {
    static final String SOURCE = "qiao.source";
    static final String ENDPOINT = "qiao.endpoint";
    static final String APP_KEY = "qiao.app.key";
    static final String APP_SECRET = "qiao.app.secret";
    static final String TOKEN = "qiao.token";
    static final String ACCOUNT = "qiao.account";
    static final String SINCE = "qiao.since";
    static final String SETTLE_DELAY = "qiao.settle.delay";
    static final String OVERLAP = "qiao.overlap";
    static final String WINDOW = "qiao.window";
    static final String RATE_LIMIT = "qiao.rate.limit";
    static final String METHOD = "qiao.method";
    static final String DIRECTION = "qiao.direction";
    static final String KEY_FIELDS = "qiao.key.fields";
    static final String TYPES = "qiao.types";
    static final String STATUS = "qiao.status";
    static final String BATCH_SIZE = "qiao.batch.size";
    static final String POLL_INTERVAL = "qiao.poll.interval";
    static final String TOPIC = "topic";
    static final String REQUIRED_FIELDS = "qiao.required.fields";
    /** Connect's own keys (the worker defines and checks errors.tolerance for every connector); read here too. */
    static final String ERRORS_TOLERANCE = "errors.tolerance";
    static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    /** Set by the connector for each task, not by users. */
    static final String TASK_INDEX = "qiao.task.index";
    static final String TASK_COUNT = "qiao.task.count";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(SOURCE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in(VendorSources.names().toArray(String[]::new)), Importance.HIGH,
                    "Which Qiao source: " + String.join(", ", VendorSources.names()))
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The topic the records go to")
            .define(ENDPOINT, Type.STRING, null, Importance.MEDIUM,
                    "The vendor's gateway URL; the vendor's public gateway when not set")
            .define(APP_KEY, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The open-platform application's key")
            .define(APP_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "The application's secret (a config provider reference such as ${file:/secrets:jackyun} works)")
            .define(TOKEN, Type.PASSWORD, null, Importance.LOW, "吉客云: the ISV token, for apps acting for a merchant; "
                    + "聚水潭: the access token (without it each task obtains its own)")
            .define(TYPES, Type.LIST, "", Importance.LOW,
                    "For jushuitan.other-in-out: the document types to read, e.g. 其它进仓,其它退货; every type when empty")
            .define(STATUS, Type.STRING, null, Importance.LOW,
                    "For jushuitan.other-in-out and jushuitan.orders: only documents in this status, e.g. Confirmed")
            .define(ACCOUNT, Type.STRING, null, Importance.MEDIUM,
                    "The vendor account's name in source partitions; the app key when not set")
            .define(SINCE, Type.STRING, null, ConfigValues.checking((k, v) -> ConfigValues.since(k, v, Instant.now())),
                    Importance.MEDIUM, "Where to start without a committed offset: 2024-05-01, 2024-05-01T08:00:00 "
                            + "(Beijing), 2024-05-01T00:00:00Z or 7d (seven days back); the source's default when not set")
            .define(SETTLE_DELAY, Type.STRING, "30s", ConfigValues.checking(ConfigValues::duration), Importance.LOW,
                    "How far behind now reading stops, away from records still being written")
            .define(OVERLAP, Type.STRING, "2m", ConfigValues.checking(ConfigValues::duration), Importance.LOW,
                    "How far before each range reading starts again, for modification times the vendor writes late")
            .define(WINDOW, Type.STRING, null, ConfigValues.checking(SourceConfig::window), Importance.LOW,
                    "The size of the windows tasks share out (a unit of progress); the source's default when not set")
            .define(RATE_LIMIT, Type.STRING, null, ConfigValues.checking(ConfigValues::rateLimit), Importance.MEDIUM,
                    "The account's rate limit for the whole connector, e.g. 10/s; each task gets its share. The "
                            + "vendor's documented limit when not set")
            .define(METHOD, Type.STRING, null, Importance.MEDIUM,
                    "For jackyun.pages: the open-API method to page through, e.g. erp.storage.goodslist")
            .define(DIRECTION, Type.STRING, "inbound", ConfigDef.ValidString.in("inbound", "outbound"),
                    Importance.MEDIUM, "For jackyun.stock-documents: inbound (入库单) or outbound (出库单)")
            .define(KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
                    "For jackyun.pages: the record fields that identify a record (the Kafka key), e.g. goodsNo")
            .define(REQUIRED_FIELDS, Type.LIST, "", Importance.MEDIUM,
                    "Top-level record fields (the model's names, e.g. warehouseCode) that must be present: not null, not "
                            + "blank, not empty. The record's key fields are always required. A record that lacks one "
                            + "fails the task (errors.tolerance=none, the default) or goes to the dead-letter topic "
                            + DLQ_TOPIC + " with the reasons in headers (errors.tolerance=all)")
            .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    "At most this many records per poll")
            .define(POLL_INTERVAL, Type.STRING, "10s", ConfigValues.checking(ConfigValues::duration), Importance.LOW,
                    "How long a task that has caught up waits before looking again")
            .define(TASK_INDEX, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW, "Set by the connector")
            .define(TASK_COUNT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW, "Set by the connector");

    final VendorSources.Kind kind;
    private final boolean tolerateAll;
    private final String deadLetterTopic;

    SourceConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        this.kind = VendorSources.kind(getString(SOURCE));
        String tolerance = props.getOrDefault(ERRORS_TOLERANCE, "none").trim();
        if (!tolerance.equalsIgnoreCase("none") && !tolerance.equalsIgnoreCase("all")) {
            throw new ConfigException(ERRORS_TOLERANCE, tolerance, "must be none or all");
        }
        this.tolerateAll = tolerance.equalsIgnoreCase("all");
        String dlq = props.get(DLQ_TOPIC);
        this.deadLetterTopic = dlq == null || dlq.isBlank() ? null : dlq.trim();
        if (deadLetterTopic != null && deadLetterTopic.equals(topic())) {
            throw new ConfigException(DLQ_TOPIC, deadLetterTopic, "must differ from " + TOPIC);
        }
        if (kind.needsMethod() && (getString(METHOD) == null || getString(METHOD).isBlank())) {
            throw new ConfigException(METHOD, getString(METHOD), "required when " + SOURCE + " is " + kind.id());
        }
        if (kind.needsMethod() && getList(KEY_FIELDS).isEmpty()) {
            throw new ConfigException(KEY_FIELDS, "", "required when " + SOURCE + " is " + kind.id()
                    + ": the fields that identify a record, e.g. goodsNo");
        }
        if (kind.jushuitan() && window().compareTo(java.time.Duration.ofDays(7)) > 0) {
            throw new ConfigException(WINDOW, getString(WINDOW), "聚水潭 refuses query ranges longer than 7 days");
        }
        if (getInt(TASK_INDEX) >= getInt(TASK_COUNT)) {
            throw new ConfigException(TASK_INDEX, getInt(TASK_INDEX), "must be below " + TASK_COUNT);
        }
    }

    String topic() {
        return getString(TOPIC);
    }

    /** {@code errors.tolerance=all}: invalid records are routed or skipped, not fatal. */
    boolean tolerateAll() {
        return tolerateAll;
    }

    /** The dead-letter topic for invalid records; null when not set. */
    String deadLetterTopic() {
        return deadLetterTopic;
    }

    java.util.List<String> requiredFields() {
        return getList(REQUIRED_FIELDS);
    }

    String appKey() {
        return getString(APP_KEY);
    }

    Password appSecret() {
        return getPassword(APP_SECRET);
    }

    String account() {
        String a = getString(ACCOUNT);
        return a == null || a.isBlank() ? appKey() : a;
    }

    /** Where a task without an offset starts; "7d" is resolved once, by the connector, into an instant. */
    Instant since(Instant now) {
        String s = getString(SINCE);
        return s == null ? kind.defaultSince(now) : ConfigValues.since(SINCE, s, now);
    }

    Duration settleDelay() {
        return ConfigValues.duration(SETTLE_DELAY, getString(SETTLE_DELAY));
    }

    Duration overlap() {
        return ConfigValues.duration(OVERLAP, getString(OVERLAP));
    }

    Duration window() {
        String w = getString(WINDOW);
        return w == null ? kind.defaultWindow() : window(WINDOW, w);
    }

    /** The account's limits for the whole connector: the configured one, else the vendor's documented ones. */
    java.util.List<RateLimit> rateLimits() {
        String r = getString(RATE_LIMIT);
        return r == null ? kind.defaultRateLimits() : java.util.List.of(ConfigValues.rateLimit(RATE_LIMIT, r));
    }

    Duration pollInterval() {
        return ConfigValues.duration(POLL_INTERVAL, getString(POLL_INTERVAL));
    }

    int batchSize() {
        return getInt(BATCH_SIZE);
    }

    int taskIndex() {
        return getInt(TASK_INDEX);
    }

    int taskCount() {
        return getInt(TASK_COUNT);
    }

    private static Duration window(String key, String text) {
        Duration d = ConfigValues.duration(key, text);
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.toNanos() % 1_000_000_000L != 0) {
            throw new ConfigException(key, text, "must be a whole number of seconds, at least one");
        }
        return d;
    }
}
