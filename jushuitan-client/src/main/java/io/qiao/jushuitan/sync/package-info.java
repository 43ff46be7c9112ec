/**
 * Jushuitan sources for {@code io.qiao.sync.SyncJob}:
 * {@link io.qiao.jushuitan.sync.JushuitanSources#otherInOut JushuitanSources.otherInOut(client, filter)}.
 *
 * <p>Needs {@code io.qiao:qiao-sync-core} on the class path: the client declares it optional, so a host that uses
 * only the client does not get the sync engine; a host that uses these adapters declares {@code qiao-sync-core}
 * itself. Nothing outside this package refers to sync-core.
 */
package io.qiao.jushuitan.sync;
