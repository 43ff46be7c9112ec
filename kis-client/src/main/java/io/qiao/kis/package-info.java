/**
 * The 金蝶 KIS云 / KIS 私有云 OpenAPI (koas) client: {@link io.qiao.kis.KisClient}.
 *
 * <pre>{@code
 * KisClient kis = KisClient.builder()
 *     .credentials(KisCredentials.gateway(clientId, Secret.of(clientSecret),
 *                                         appKey, Secret.of(appSecret), routerAddress))
 *     .build();
 * BillRef ref = kis.miscellaneousReceipts().create(bill);            // 其他入库单, idempotent by FBillNo
 * Material m = kis.materials().catalogByNumber().find("1.01.001").orElseThrow();
 * }</pre>
 *
 * <h2>One name per document</h2>
 * The 其他入库单 is a <em>miscellaneous receipt</em> everywhere in Qiao, after the vendor's own English name in its
 * API path ({@code /koas/app007104/api/miscellaneousreceipt/...}) and in K3Cloud's form id
 * ({@code STK_MISCELLANEOUS}): the resource {@link io.qiao.kis.MiscellaneousReceipts}, the bill
 * {@link io.qiao.kis.model.MiscellaneousReceipt} and its {@link io.qiao.kis.model.MiscellaneousReceiptEntry} lines,
 * the list row {@link io.qiao.kis.model.MiscellaneousReceiptSummary}, the detail
 * {@link io.qiao.kis.model.MiscellaneousReceiptDetail}, the filter {@link io.qiao.kis.model.MiscellaneousReceiptQuery}
 * and the sync sink {@link io.qiao.kis.sync.MiscellaneousReceiptSink}.
 *
 * <h2>Dates</h2>
 * KIS filters 其他入库单 by their bill date {@code Fdate}, a calendar day with no time of day and no zone, so
 * {@link io.qiao.kis.model.MiscellaneousReceiptQuery} takes {@link java.time.LocalDate} (inclusive both ends). The
 * other clients' modified-time ranges are {@link java.time.Instant}s; KIS's API has no modified-time filter.
 *
 * <h2>What is known and what is inferred</h2>
 * The wire format follows VENDORS.md section 3. Where the sources are silent, Qiao accepts both plausible shapes
 * and says so where it matters, marked <b>[INFER]</b>:
 * <ul>
 *   <li>{@code errcode} as a number or a string; {@code expires} as epoch milliseconds, epoch seconds or a lifetime;</li>
 *   <li>list answers with rows under {@code List} (or {@code Rows}/{@code Data}), {@code TotalPages} as a number or a
 *       string, and the paging to the end without it when a page comes back short;</li>
 *   <li>the list filters ({@code FBillNo}, {@code BeginDate}, {@code EndDate}) and the {@code getdetail} id
 *       ({@code FID}); a lookup by bill number checks each row itself, so a server that ignores the filter is still
 *       answered correctly;</li>
 *   <li>FItemID/FUnitID/FDCStockID sent as given (public callers send internal ids as text); {@code FTranType} 10 and
 *       {@code FPlanMode} 14036 are what a public caller sends (not [INFER] any more);</li>
 *   <li>which answers are transient (HTTP 5xx other than 519, "繁忙/稍后/超时"), throttling (429, "限流/频繁") and token
 *       expiry (401, "token … 过期/失效/无效").</li>
 * </ul>
 * Business calls carry the {@code Kis-*} headers, {@code KIS-AuthData}, {@code X-GW-Router-Addr} and
 * {@code access_token}, as every public koas caller found sends them (confirmed by use, not by a doc); the gateway's
 * {@code X-Api-*} signature, confirmed for the token calls, is added to them only with
 * {@link io.qiao.kis.KisClient.Builder#signBusinessCalls(boolean)}.
 */
package io.qiao.kis;
