/** Sync sources over the Jackyun client, for {@code io.qiao.sync.SyncJob}: see {@link io.qiao.jackyun.sync.JackyunSources}. */
package io.qiao.jackyun.sync;
