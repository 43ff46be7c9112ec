/**
 * Sync sources over the Jackyun client, for {@code io.qiao.sync.SyncJob}: see {@link io.qiao.jackyun.sync.JackyunSources}.
 *
 * <p>Needs {@code io.qiao:qiao-sync-core} on the class path: the client declares it optional, so a host that uses
 * only the client does not get the sync engine; a host that uses these adapters declares {@code qiao-sync-core}
 * itself. Nothing outside this package refers to sync-core.
 */
package io.qiao.jackyun.sync;
