/**
 * The 吉客云 Jackyun open-platform client. Build one {@link io.qiao.jackyun.JackyunClient} per app key and share
 * it; list operations ({@code warehouses().list}, {@code stockQuantities().list}, {@code stockDocuments().inbound /
 * outbound}, {@code trades().list}) are lazy {@link io.qiao.client.PagedIterable}s that page from
 * {@code pageIndex} 0 (or by the vendor's cursor) and split a modified range longer than the method allows into
 * legal windows. {@link io.qiao.jackyun.JackyunClient#call} reaches methods not modelled yet. Incremental
 * sync sources are in {@link io.qiao.jackyun.sync}.
 */
package io.qiao.jackyun;
