package io.qiao.sync.observe;

import io.qiao.sync.SyncReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.sync.internal.Limits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
 *
 * <p>Inside, {@code AlertPolicy} decides when to alert and what to say, one channel per format
 * ({@code DingTalkChannel}, which also signs, {@code WeComChannel}, {@code JsonChannel}) shapes the request, and
 * {@code AlertScrubber} masks secrets; this class connects them.
 */
public final class WebhookAlerter implements SyncListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookAlerter.class);

    /** The message format the endpoint expects. */
    public enum Format { DINGTALK, WECOM, JSON }

    /** Why an alert is sent. */
    public enum Kind { RUN_FAILED, DEAD_LETTERS, NOT_SUCCEEDED }

    // The parts: when to alert and what to say (policy), where and in which shape (channel), what never to show
    // (scrubber); this class only hands the policy's alerts, scrubbed, to the channel, and never throws.
    private final Format format;
    private final AlertPolicy policy;
    private final AlertChannel channel;
    private final AlertScrubber scrubber;
    private final HttpTransport transport;
    private final ObjectMapper mapper = Json.newMapper();

    private WebhookAlerter(Builder b) {
        this.format = b.format;
        this.policy = new AlertPolicy(b.clock, b.minInterval, b.deadLetterThreshold, b.staleAfter, b.title);
        this.channel = switch (b.format) {
            case DINGTALK -> new DingTalkChannel(b.webhook, b.secret, b.mentionAll);
            case WECOM -> new WeComChannel(b.webhook, b.mentionAll);
            case JSON -> new JsonChannel(b.webhook);
        };
        this.scrubber = new AlertScrubber(channel.secrets());
        this.transport = b.transport != null ? b.transport : JdkHttpTransport.create();
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
        policy.runFinished(r).forEach(this::send);
    }

    /**
     * Alerts when {@code lastSuccessAt} is longer ago than {@code staleAfter}. The host may call it on a timer
     * (with {@link SyncStatus#lastSuccessAt()}) to catch a job that stopped running at all.
     */
    public void checkStale(String job, Instant lastSuccessAt) {
        policy.stale(job, lastSuccessAt).ifPresent(this::send);
    }

    /** {@link #checkStale(String, Instant)} from a persisted status. */
    public void checkStale(SyncStatus status) {
        checkStale(status.job(), status.lastSuccessAt());
    }

    private void send(Alert alert) {
        URI webhook = channel.webhook();
        try {
            Alert scrubbed = alert.withMessage(scrubber.scrub(alert.message()));
            Request request = Request.post(channel.target(scrubbed),
                            RequestBody.json(channel.body(scrubbed, scrubber)))
                    .operation("alert webhook").idempotent(false).build();
            Response response = transport.send(request);
            String problem = problem(response);
            if (problem != null) {
                log.warn("alert to {} for job {} was refused: {}", webhook.getHost(), alert.job(), problem);
            }
        } catch (RuntimeException e) {
            log.warn("alert to {} for job {} could not be sent: {}", webhook.getHost(), alert.job(),
                    scrubber.scrub(e.getMessage()));
        }
    }

    /** Why the endpoint refused the alert, or null: a non-2xx status, or a robot's non-zero {@code errcode}. */
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

    @Override
    public String toString() {
        URI webhook = channel.webhook();
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
