/**
 * The client of a 文书档案 archive system: {@link io.qiao.archive.ArchiveClient} (token auth, query, create, streamed
 * file upload, the idempotent {@link io.qiao.archive.Archives#push push}), the DA/T 22—2015 rules records are checked
 * against ({@link io.qiao.archive.MetadataValidator}) and the INI configuration of the integrations it replaces
 * ({@link io.qiao.archive.ArchiveConfig}).
 *
 * <h2>Dates, not instants</h2>
 * The other clients' modified-time ranges are {@link java.time.Instant}s. The archive API filters by the
 * document date ({@code startDate}/{@code endDate}), a calendar day without time of day or zone, so
 * {@link io.qiao.archive.model.ArchiveQuery} takes {@link java.time.LocalDate}s, inclusive at both ends: an
 * instant would suggest a precision the archive system does not have.
 */
package io.qiao.archive;
