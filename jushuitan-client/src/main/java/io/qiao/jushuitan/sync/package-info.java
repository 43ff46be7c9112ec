/**
 * Jushuitan sources for {@code io.qiao.sync.SyncJob}:
 * {@link io.qiao.jushuitan.sync.JushuitanSources#otherInOut JushuitanSources.otherInOut(client, filter)}.
 */
package io.qiao.jushuitan.sync;
