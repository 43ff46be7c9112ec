/**
 * The client of a 文书档案 archive system: {@link io.qiao.archive.ArchiveClient} (token auth, query, create, streamed
 * file upload, the idempotent {@link io.qiao.archive.Archives#push push}), the DA/T 22—2015 rules records are checked
 * against ({@link io.qiao.archive.MetadataValidator}) and the INI configuration of the integrations it replaces
 * ({@link io.qiao.archive.ArchiveConfig}).
 */
package io.qiao.archive;
