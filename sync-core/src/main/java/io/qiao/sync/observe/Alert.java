package io.qiao.sync.observe;

import io.qiao.sync.SyncReport;

/**
 * One alert that {@link AlertPolicy} decided to send: its kind, the job, the whole message text (title, job, what
 * happened, time, alerts held back) and the run's report when a run caused it.
 *
 * @param kind    why it is sent
 * @param job     the job it is about
 * @param message the text every channel shows
 * @param report  the run that caused it, or null (a stale-job check)
 * @param at      when the policy decided it, by the alerter's clock (DingTalk signs with it)
 */
record Alert(WebhookAlerter.Kind kind, String job, String message, SyncReport report, java.time.Instant at) {

    /** This alert with {@code message} in place of its text (the scrubbed one). */
    Alert withMessage(String message) {
        return new Alert(kind, job, message, report, at);
    }
}
