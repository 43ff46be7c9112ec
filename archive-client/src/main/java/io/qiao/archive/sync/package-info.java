/**
 * The archive system as a sync-core {@link io.qiao.sync.Sink}: {@link io.qiao.archive.sync.ArchiveSinks#push}
 * delivers records with their files idempotently; invalid records and missing files become dead letters.
 *
 * <p>Needs {@code io.qiao:qiao-sync-core} on the class path: the client declares it optional, so a host that uses
 * only the client does not get the sync engine; a host that uses these adapters declares {@code qiao-sync-core}
 * itself. Nothing outside this package refers to sync-core.
 */
package io.qiao.archive.sync;
