/**
 * Watching runs: {@link io.qiao.sync.observe.SyncListener} events, a logging listener, a status per job kept by
 * {@link io.qiao.sync.observe.SyncStatusListener} in a {@link io.qiao.sync.observe.SyncStatusStore}, and webhook
 * alerts to DingTalk, WeCom or any JSON endpoint ({@link io.qiao.sync.observe.WebhookAlerter}).
 */
package io.qiao.sync.observe;
