/**
 * The archive system as a sync-core {@link io.qiao.sync.Sink}: {@link io.qiao.archive.sync.ArchiveSinks#push}
 * delivers records with their files idempotently; invalid records and missing files become dead letters.
 */
package io.qiao.archive.sync;
