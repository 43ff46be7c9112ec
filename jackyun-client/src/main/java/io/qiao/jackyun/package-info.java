/**
 * The 吉客云 Jackyun open-platform client. Build one {@link io.qiao.jackyun.JackyunClient} per app key and share
 * it; list operations ({@code warehouses().list}, {@code stockQuantities().list}, {@code stockDocuments().inbound /
 * outbound}, {@code trades().list}) are lazy {@link io.qiao.client.PagedIterable}s that page from
 * {@code pageIndex} 0 (or by the vendor's cursor) and split a modified range longer than the method allows into
 * legal windows. {@link io.qiao.jackyun.JackyunClient#call} reaches methods not modelled yet. Incremental
 * sync sources are in {@link io.qiao.jackyun.sync}.
 *
 * <h2>Time ranges are instants</h2>
 * Every query range in every Qiao client is a pair of {@link java.time.Instant}s, half-open {@code [from, to)}.
 * An instant names one moment whatever the host's zone, so a range computed from a {@link java.time.Clock} (say
 * "the last 7 days": {@code now.minus(Duration.ofDays(7))} to {@code now}) or from a sync checkpoint means the
 * same on a server in UTC and on a laptop in Shanghai; a {@code LocalDateTime} would silently shift by the host's
 * offset when built from the wrong zone. The client converts to the vendor's wall clock, Asia/Shanghai {@code yyyy-MM-dd HH:mm:ss} in {@code gmtModifiedStart}/{@code gmtModifiedEnd} and the like, only on the wire.
 * The {@code LocalDateTime} overloads that took vendor wall-clock times remain, deprecated, converting with
 * Asia/Shanghai. Timestamps the vendor sends back stay {@code LocalDateTime} in the model: they are the vendor's
 * wall-clock text, not instants.
 */
package io.qiao.jackyun;
