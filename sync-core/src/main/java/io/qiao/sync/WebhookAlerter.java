package io.qiao.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.sync.internal.Limits;
import io.qiao.sync.jdbc.JdbcUrls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an alert to a group robot when a run fails, when a run dead-letters at least a threshold of records,
 * or when a job has not succeeded for longer than allowed: as a 钉钉 DingTalk robot message (with the
 * optional HMAC-SHA256 {@code sign} of a robot with 加签 security), a 企业微信 WeCom robot message, or plain
 * JSON for the host's own endpoint.
 *
 * <pre>{@code
 * SyncListener alerts = WebhookAlerter.dingTalk(URI.create("https://oapi.dingtalk.com/robot/send?access_token=..."))
 *     .secret(Secret.fromEnv("DINGTALK_SECRET"))
 *     .deadLetterThreshold(50)
 *     .staleAfter(Duration.ofHours(2))
 *     .build();
 * }</pre>
 *
 * Alerts of one kind for one job are sent at most once per {@code minInterval} (default 10 minutes); the next
 * one says how many were held back, so a failing job does not flood the group. Messages pass through the
 * redactor and never contain the robot's secret or access token. Sending never throws: a failure to alert is
 * logged, and the run's outcome does not change.
 */
public final class WebhookAlerter implements SyncListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookAlerter.class);
    private static final DateTimeFormatter SHANGHAI_TIME = Json.DATE_TIME.withZone(Json.SHANGHAI);

    /** The message format the endpoint expects. */
    public enum Format { DINGTALK, WECOM, JSON }

    /** Why an alert is sent. */
    public enum Kind { RUN_FAILED, DEAD_LETTERS, NOT_SUCCEEDED }

    private final URI webhook;
    private final Format format;
    private final Secret secret;
    private final HttpTransport transport;
    private final Clock clock;
    private final Duration minInterval;
    private final long deadLetterThreshold;
    private final Duration staleAfter;
    private final String title;
    private final boolean mentionAll;
    private final Redactor redactor = Redactor.defaults();
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Integer> suppressed = new HashMap<>();
    private final Map<String, Instant> lastSuccess = new HashMap<>();

    private WebhookAlerter(Builder b) {
        this.webhook = b.webhook;
        this.format = b.format;
        this.secret = b.secret;
        this.transport = b.transport != null ? b.transport : JdkHttpTransport.create();
        this.clock = b.clock;
        this.minInterval = b.minInterval;
        this.deadLetterThreshold = b.deadLetterThreshold;
        this.staleAfter = b.staleAfter;
        this.title = b.title;
        this.mentionAll = b.mentionAll;
    }

    /** A DingTalk group robot; its URL carries {@code access_token}. */
    public static Builder dingTalk(URI webhook) {
        return new Builder(webhook, Format.DINGTALK);
    }

    /** A WeCom group robot; its URL carries {@code key}. */
    public static Builder weCom(URI webhook) {
        return new Builder(webhook, Format.WECOM);
    }

    /** Plain JSON: {@code {"source":"qiao","kind":...,"job":...,"message":...,"report":{...}}}. */
    public static Builder json(URI webhook) {
        return new Builder(webhook, Format.JSON);
    }

    @Override
    public void runFinished(SyncReport r) {
        if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
            return; // another replica runs the job: no alert, and no success either
        }
        if (r.failed()) {
            alert(r.job(), Kind.RUN_FAILED, "运行失败 (run failed)"
                    + (r.failedWindow() == null ? "" : "\n窗口 window: " + r.failedWindow())
                    + "\n错误 error: " + r.errorSummary() + "\n" + counts(r), r);
        }
        // a failed run's alert already carries its dead-letter count
        if (!r.failed() && deadLetterThreshold > 0 && r.deadLettered() >= deadLetterThreshold) {
            alert(r.job(), Kind.DEAD_LETTERS, "死信 " + r.deadLettered() + " 条 (dead letters, threshold "
                    + deadLetterThreshold + ")\n" + counts(r), r);
        }
        Instant since;
        synchronized (this) {
            if (!r.failed()) {
                lastSuccess.put(r.job(), r.startedAt());
                return;
            }
            since = lastSuccess.get(r.job());
        }
        if (since != null) {
            checkStale(r.job(), since);
        }
    }

    /**
     * Alerts when {@code lastSuccessAt} is longer ago than {@code staleAfter}. The host may call it on a timer
     * (with {@link SyncStatus#lastSuccessAt()}) to catch a job that stopped running at all.
     */
    public void checkStale(String job, Instant lastSuccessAt) {
        if (staleAfter == null || lastSuccessAt == null) {
            return;
        }
        Duration since = Duration.between(lastSuccessAt, clock.instant());
        if (since.compareTo(staleAfter) > 0) {
            alert(job, Kind.NOT_SUCCEEDED, "已 " + human(since) + " 未成功同步 (no successful run for " + human(since)
                    + "; last success " + SHANGHAI_TIME.format(lastSuccessAt) + ")", null);
        }
    }

    /** {@link #checkStale(String, Instant)} from a persisted status. */
    public void checkStale(SyncStatus status) {
        checkStale(status.job(), status.lastSuccessAt() != null ? status.lastSuccessAt() : null);
    }

    private void alert(String job, Kind kind, String text, SyncReport report) {
        String rateKey = job + "\u0000" + kind;
        Instant now = clock.instant();
        int held;
        synchronized (this) {
            Instant last = lastSent.get(rateKey);
            if (last != null && Duration.between(last, now).compareTo(minInterval) < 0) {
                suppressed.merge(rateKey, 1, Integer::sum);
                return;
            }
            lastSent.put(rateKey, now);
            Integer h = suppressed.remove(rateKey);
            held = h == null ? 0 : h;
        }
        String message = title + " " + job + "\n" + text + "\n时间 time: " + SHANGHAI_TIME.format(now)
                + (held > 0 ? "\n(另有 " + held + " 条同类告警已合并 / " + held + " similar alerts held back)" : "");
        send(kind, job, scrub(message), report, now);
    }

    private void send(Kind kind, String job, String message, SyncReport report, Instant now) {
        try {
            URI uri = format == Format.DINGTALK && secret != null ? signed(now) : webhook;
            Request request = Request.post(uri, RequestBody.json(body(kind, job, message, report)))
                    .operation("alert webhook").idempotent(false).build();
            Response response = transport.send(request);
            String problem = problem(response);
            if (problem != null) {
                log.warn("alert to {} for job {} was refused: {}", webhook.getHost(), job, problem);
            }
        } catch (RuntimeException e) {
            log.warn("alert to {} for job {} could not be sent: {}", webhook.getHost(), job, scrub(e.getMessage()));
        }
    }

    private String body(Kind kind, String job, String message, SyncReport report) {
        ObjectNode n = mapper.createObjectNode();
        if (format == Format.JSON) {
            n.put("source", "qiao");
            n.put("kind", kind.name());
            n.put("job", job);
            n.put("message", message);
            if (report != null) {
                ObjectNode r = n.putObject("report");
                r.put("status", report.status().name());
                r.put("startedAt", report.startedAt().toString());
                r.put("windows", report.windows());
                r.put("read", report.read());
                r.put("written", report.written());
                r.put("deadLettered", report.deadLettered());
                r.put("retried", report.retried());
                r.put("failedWindow", report.failedWindow());
                r.put("error", report.error() == null ? null : scrub(report.errorSummary()));
            }
        } else {
            // DingTalk and WeCom robots take the same text message shape
            n.put("msgtype", "text");
            ObjectNode text = n.putObject("text");
            text.put("content", format == Format.WECOM ? limitBytes(message, 2048) : message);
            if (mentionAll && format == Format.DINGTALK) {
                n.putObject("at").put("isAtAll", true);
            } else if (mentionAll) {
                text.putArray("mentioned_list").add("@all");
            }
        }
        return n.toString();
    }

    /** DingTalk 加签: sign = Base64(HmacSHA256(secret, timestamp + "\n" + secret)), URL-encoded. */
    URI signed(Instant now) {
        String timestamp = Long.toString(now.toEpochMilli());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
            String sign = URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
            String sep = webhook.getRawQuery() == null ? "?" : "&";
            return URI.create(webhook + sep + "timestamp=" + timestamp + "&sign=" + sign);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private String problem(Response response) {
        if (!response.isSuccessful()) {
            return "HTTP " + response.status();
        }
        try {
            JsonNode n = mapper.readTree(response.body());
            if (n != null && n.has("errcode") && n.get("errcode").asInt() != 0) {
                return "errcode " + n.get("errcode").asText() + " " + n.path("errmsg").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a plain endpoint may answer with anything; a 2xx status is enough
        }
        return null;
    }

    /** Masks secrets: the redactor's names anywhere in the text, and this robot's own secret and token. */
    private String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = JdbcUrls.redactIn(redactor.text(text));
        if (secret != null) {
            out = out.replace(secret.reveal(), Redactor.MASK);
        }
        String query = webhook.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0 && eq < part.length() - 1) {
                    out = out.replace(part.substring(eq + 1), Redactor.MASK);
                }
            }
        }
        return out;
    }

    private static String counts(SyncReport r) {
        return "读取 read " + r.read() + ", 写入 written " + r.written() + ", 死信 dead letters " + r.deadLettered()
                + ", 重试 retried " + r.retried() + ", 检查点 checkpoint "
                + (r.checkpointAfter() == null ? "none" : r.checkpointAfter().watermark());
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 120 ? (minutes / 60) + " h" : minutes + " min";
    }

    private static String limitBytes(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        String cut = new String(b, 0, maxBytes - 3, StandardCharsets.UTF_8);
        // drop a character cut in half
        if (cut.endsWith("\uFFFD")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    @Override
    public String toString() {
        return "WebhookAlerter{" + format + " " + webhook.getScheme() + "://" + webhook.getHost() + "}";
    }

    public static final class Builder {
        private final URI webhook;
        private final Format format;
        private Secret secret;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private Duration minInterval = Duration.ofMinutes(10);
        private long deadLetterThreshold = 1;
        private Duration staleAfter;
        private String title = "【Qiao 同步告警】";
        private boolean mentionAll;

        private Builder(URI webhook, Format format) {
            this.webhook = Objects.requireNonNull(webhook, "webhook");
            this.format = format;
            if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme())) {
                throw new IllegalArgumentException("webhook must be an http(s) URL, was scheme '" + webhook.getScheme() + "'");
            }
        }

        /** The DingTalk robot's 加签 secret (SEC...): requests are then signed. */
        public Builder secret(Secret secret) {
            if (format != Format.DINGTALK) {
                throw new IllegalStateException("only DingTalk robots sign requests with a secret");
            }
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** At most one alert of a kind per job within this time; default 10 minutes. */
        public Builder minInterval(Duration minInterval) {
            this.minInterval = Limits.nonNegative(minInterval, "minInterval");
            return this;
        }

        /** Alert when one run dead-letters at least this many records; 0 turns it off; default 1. */
        public Builder deadLetterThreshold(long threshold) {
            if (threshold < 0) {
                throw new IllegalArgumentException("deadLetterThreshold must not be negative, was " + threshold);
            }
            this.deadLetterThreshold = threshold;
            return this;
        }

        /** Alert when a job has not succeeded for longer than this; default off. */
        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = Limits.positive(staleAfter, "staleAfter");
            return this;
        }

        /**
         * The first words of every message; default 【Qiao 同步告警】. A DingTalk robot secured by keywords
         * only accepts messages containing one of them: put the keyword here.
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Mentions everyone in the group ({@code @all}: DingTalk {@code isAtAll}, WeCom {@code mentioned_list}); default off. */
        public Builder mentionAll(boolean mentionAll) {
            if (format == Format.JSON && mentionAll) {
                throw new IllegalStateException("a plain JSON webhook has no group to mention");
            }
            this.mentionAll = mentionAll;
            return this;
        }

        public WebhookAlerter build() {
            return new WebhookAlerter(this);
        }
    }
}
