package io.qiao.sync.observe;

import io.qiao.sync.SyncReport;
import io.qiao.client.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When {@link WebhookAlerter} alerts and what it says, whatever the channel: a failed run; a run that dead-lettered at
 * least {@code deadLetterThreshold} records; a job with no success for longer than {@code staleAfter}. Alerts of one
 * kind for one job go out at most once per {@code minInterval}; the next one says how many were held back, so a
 * failing job does not flood the group. Thread-safe.
 */
final class AlertPolicy {
    private static final DateTimeFormatter SHANGHAI_TIME = Json.DATE_TIME.withZone(Json.SHANGHAI);

    private final Clock clock;
    private final Duration minInterval;
    private final long deadLetterThreshold;
    private final Duration staleAfter;
    private final String title;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Integer> heldBack = new HashMap<>();
    private final Map<String, Instant> lastSuccess = new HashMap<>();

    /**
     * @param deadLetterThreshold 0 turns the dead-letter alert off
     * @param staleAfter          null turns the stale-job alert off
     */
    AlertPolicy(Clock clock, Duration minInterval, long deadLetterThreshold, Duration staleAfter, String title) {
        this.clock = clock;
        this.minInterval = minInterval;
        this.deadLetterThreshold = deadLetterThreshold;
        this.staleAfter = staleAfter;
        this.title = title;
    }

    /** The alerts a finished run causes (none, one or two), and it remembers a success for the stale check. */
    List<Alert> runFinished(SyncReport r) {
        List<Alert> alerts = new ArrayList<>();
        if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
            return alerts; // another replica runs the job: no alert, and no success either
        }
        if (r.failed()) {
            admit(r.job(), WebhookAlerter.Kind.RUN_FAILED, "运行失败 (run failed)"
                    + (r.failedWindow() == null ? "" : "\n窗口 window: " + r.failedWindow())
                    + "\n错误 error: " + r.errorSummary() + "\n" + counts(r), r).ifPresent(alerts::add);
        }
        // a failed run's alert already carries its dead-letter count
        if (!r.failed() && deadLetterThreshold > 0 && r.deadLettered() >= deadLetterThreshold) {
            admit(r.job(), WebhookAlerter.Kind.DEAD_LETTERS, "死信 " + r.deadLettered() + " 条 (dead letters, "
                    + "threshold " + deadLetterThreshold + ")\n" + counts(r), r).ifPresent(alerts::add);
        }
        Instant since;
        synchronized (this) {
            if (!r.failed()) {
                lastSuccess.put(r.job(), r.startedAt());
                return alerts;
            }
            since = lastSuccess.get(r.job());
        }
        if (since != null) {
            stale(r.job(), since).ifPresent(alerts::add);
        }
        return alerts;
    }

    /** The stale-job alert when {@code lastSuccessAt} is longer ago than {@code staleAfter}. */
    Optional<Alert> stale(String job, Instant lastSuccessAt) {
        if (staleAfter == null || lastSuccessAt == null) {
            return Optional.empty();
        }
        Duration since = Duration.between(lastSuccessAt, clock.instant());
        if (since.compareTo(staleAfter) <= 0) {
            return Optional.empty();
        }
        return admit(job, WebhookAlerter.Kind.NOT_SUCCEEDED, "已 " + human(since) + " 未成功同步 (no successful run for "
                + human(since) + "; last success " + SHANGHAI_TIME.format(lastSuccessAt) + ")", null);
    }

    /** The alert, unless one of the same job and kind went out less than {@code minInterval} ago (then counted). */
    private Optional<Alert> admit(String job, WebhookAlerter.Kind kind, String text, SyncReport report) {
        String key = job + "\u0000" + kind;
        Instant now = clock.instant();
        int held;
        synchronized (this) {
            Instant last = lastSent.get(key);
            if (last != null && Duration.between(last, now).compareTo(minInterval) < 0) {
                heldBack.merge(key, 1, Integer::sum);
                return Optional.empty();
            }
            lastSent.put(key, now);
            Integer h = heldBack.remove(key);
            held = h == null ? 0 : h;
        }
        String message = title + " " + job + "\n" + text + "\n时间 time: " + SHANGHAI_TIME.format(now)
                + (held > 0 ? "\n(另有 " + held + " 条同类告警已合并 / " + held + " similar alerts held back)" : "");
        return Optional.of(new Alert(kind, job, message, report, now));
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
}
