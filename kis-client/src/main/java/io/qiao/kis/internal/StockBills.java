package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import io.qiao.client.TransportException;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptDetail;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The create / list / getdetail of one koas stock-bill object ({@code miscellaneousreceipt},
 * {@code miscellaneousdelivery}): the Head/Entry shape of ICStockBill is the same for all of them.
 *
 * <h2>Why a create is safe to repeat here</h2>
 * KIS has no idempotency key, and a create that timed out or whose answer was lost may well have been stored. So
 * this class never re-sends a create blindly: when an attempt ends without a clear answer it first looks the bill up
 * by its {@code FBillNo} and returns the stored bill if there is one ({@link BillRef#created()} false). Only when the
 * bill is certainly absent is the create sent again. A business refusal (for instance "bill number already exists")
 * is also checked against the list, so re-running a sync returns the existing bill instead of failing. Bills without
 * an FBillNo cannot be looked up and are never re-sent once they may have reached KIS.
 */
public final class StockBills {
    /**
     * ItemsOfPage of the batch lookup: what the public callers of the KIS bill lists send (100; a PHP SDK defaults to
     * 20). A larger page is not asked for, since no source shows one is honoured, and a server that silently
     * answered fewer rows without a TotalPages would end the paging early. <b>[INFER]</b>
     */
    public static final int LOOKUP_PAGE_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(StockBills.class);

    private final KisHttp http;
    private final BillCodec codec;
    private final String resource;
    private final String base;
    private final RetryOptions retry;

    /**
     * @param resource the koas object, e.g. {@code miscellaneousreceipt}: its {@code create}, {@code list} and
     *                 {@code getdetail} are used
     */
    public StockBills(KisHttp http, BillCodec codec, String app, String resource, RetryOptions retry) {
        this.http = http;
        this.codec = codec;
        this.resource = resource;
        this.base = "/koas/" + app + "/api/" + resource + "/";
        this.retry = retry;
    }

    /** The stored bill with this FBillNo, if any (checked row by row, whatever the server does with the filter). */
    public Optional<MiscellaneousReceiptSummary> findByBillNo(String billNo) {
        return list(MiscellaneousReceiptQuery.byBillNo(billNo)).stream().filter(r -> billNo.equals(r.billNo())).findFirst();
    }

    /** Pages through the list API lazily ({@code CurrentPage}/{@code ItemsOfPage}, ends at {@code TotalPages}). */
    public PagedIterable<MiscellaneousReceiptSummary> list(MiscellaneousReceiptQuery query) {
        Objects.requireNonNull(query, "query");
        return PagedIterable.of(resource + "/list", token -> {
            int page = token == null ? 1 : Integer.parseInt(token);
            JsonNode data = listPage(query, page);
            List<MiscellaneousReceiptSummary> rows = BillCodec.rows(data).stream().map(codec::summary).toList();
            return Page.of(rows, hasNext(data, page, rows.size(), query.pageSize()) ? Integer.toString(page + 1) : null);
        }).guardedBy(http.pagingGuard()).withMoreSignal("TotalPages beyond this page");
    }

    /**
     * Which of {@code bills} KIS already stores, keyed by FBillNo, found with one list query over the Fdate days the
     * bills span ({@code BeginDate}..{@code EndDate}, whole days, both ends included), {@value #LOOKUP_PAGE_SIZE}
     * rows a page, and paged only until every number was seen. The rows are matched by FBillNo here, so a server
     * that ignores the filter costs pages, never a wrong answer. When the days hold more pages than there are bills
     * left to find, the rest are looked up one by one instead ({@code FBillNo} filter), so a batch never costs more
     * than one page plus one call per bill. Bills without an FBillNo are skipped.
     */
    public Map<String, BillRef> findStored(Collection<MiscellaneousReceipt> bills) {
        Set<String> wanted = new LinkedHashSet<>();
        LocalDate from = null;
        LocalDate to = null;
        for (MiscellaneousReceipt b : bills) {
            if (!b.hasBillNo() || b.date() == null) continue;
            wanted.add(b.billNo());
            from = from == null || b.date().isBefore(from) ? b.date() : from;
            to = to == null || b.date().isAfter(to) ? b.date() : to;
        }
        Map<String, BillRef> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        MiscellaneousReceiptQuery query = MiscellaneousReceiptQuery.between(from, to).withPageSize(LOOKUP_PAGE_SIZE);
        for (int page = 1; ; page++) {
            JsonNode data = listPage(query, page);
            List<JsonNode> rows = BillCodec.rows(data);
            for (JsonNode row : rows) {
                MiscellaneousReceiptSummary s = codec.summary(row);
                if (s.billNo() != null && wanted.contains(s.billNo())) {
                    found.putIfAbsent(s.billNo(), new BillRef(s.id(), s.billNo(), false));
                }
            }
            if (found.size() == wanted.size() || !hasNext(data, page, rows.size(), LOOKUP_PAGE_SIZE)) {
                return found;
            }
            int left = wanted.size() - found.size();
            int total = BillCodec.totalPages(data);
            boolean cheaperOneByOne = total >= 0 ? total - page > left : page >= left;
            if (cheaperOneByOne) {
                // The days hold more bills than this batch: one lookup per remaining bill is cheaper.
                log.debug("{}/list: {} pages for {} bills, looking the {} left up one by one", resource,
                        total, wanted.size(), left);
                for (String no : wanted) {
                    if (!found.containsKey(no)) {
                        findByBillNo(no).ifPresent(s -> found.put(no, new BillRef(s.id(), s.billNo(), false)));
                    }
                }
                return found;
            }
        }
    }

    private JsonNode listPage(MiscellaneousReceiptQuery query, int page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CurrentPage", Integer.toString(page));
        body.put("ItemsOfPage", Integer.toString(query.pageSize()));
        if (query.billNo() != null) body.put("FBillNo", query.billNo());
        if (query.dateFrom() != null) body.put("BeginDate", query.dateFrom().toString());
        if (query.dateTo() != null) body.put("EndDate", query.dateTo().toString());
        return http.execute(http.post(resource + "/list", base + "list", Map.of(), body).idempotent(true).build());
    }

    /** The stored bill with its lines ({@code getdetail}), or empty when KIS returns no data for the id. */
    public Optional<MiscellaneousReceiptDetail> get(long id) {
        JsonNode data = http.execute(http.post(resource + "/getdetail", base + "getdetail", Map.of(),
                Map.of("FID", id)).idempotent(true).build());
        if (data.isMissingNode() || data.isNull() || data.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MiscellaneousReceiptDetail(id, codec.readBill(data)));
    }

    public static boolean hasNext(JsonNode data, int page, int rows, int pageSize) {
        return KisPaging.hasNext(data, page, rows, pageSize);
    }

    /** Looks the bill (validated by the caller) up by FBillNo, and creates it only when KIS does not have it. */
    public BillRef createIfAbsent(MiscellaneousReceipt bill) {
        if (!bill.hasBillNo()) {
            throw new IllegalArgumentException("createIfAbsent needs Head.FBillNo to look the bill up");
        }
        return create(bill, true);
    }

    /** Creates the bill (validated by the caller), looking it up by FBillNo first when {@code lookFirst}. */
    public BillRef create(MiscellaneousReceipt bill, boolean lookFirst) {
        Objects.requireNonNull(bill, "bill");
        if (lookFirst && bill.hasBillNo()) {
            Optional<MiscellaneousReceiptSummary> existing = findByBillNo(bill.billNo());
            if (existing.isPresent()) {
                return new BillRef(existing.get().id(), existing.get().billNo(), false);
            }
        }
        int attempts = retry.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            QiaoException unknown;
            try {
                return send(bill);
            } catch (ApiException e) {
                if (isRefusal(e) && bill.hasBillNo()) {
                    // A business refusal: if the bill is there already (a duplicate FBillNo), that is our bill.
                    return storedAfter(bill, e).orElseThrow(() -> e);
                }
                if (!e.isRetryable() || e.isThrottled()) {
                    throw e; // refused before processing; the pipeline already retried throttling
                }
                unknown = e;
            } catch (TransportException e) {
                if (!e.isSent()) {
                    throw e; // never reached KIS, and the pipeline already retried it
                }
                unknown = e;
            } catch (DecodeException e) {
                unknown = e;
            }
            if (!bill.hasBillNo()) {
                throw unknown; // cannot be looked up, so it cannot be repeated safely
            }
            if (attempt < attempts) {
                sleep(attempt, unknown); // also lets KIS settle before the lookup
            }
            Optional<BillRef> stored = storedAfter(bill, unknown);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (attempt >= attempts) {
                throw unknown;
            }
            log.debug("{}/create {}: not stored after attempt {} ({}), sending again", resource,
                    bill.billNo(), attempt, unknown.getMessage());
        }
    }

    /** KIS answered about this bill itself (not a transient, signature or token problem). */
    private static boolean isRefusal(ApiException e) {
        return e.httpStatus() < 300 && !e.isRetryable() && !KisEnvelope.isAuthFailure(e);
    }

    private BillRef send(MiscellaneousReceipt bill) {
        JsonNode data = http.execute(http.post(resource + "/create", base + "create", Map.of(),
                codec.createBody(bill)).idempotent(false).build());
        String no = data.hasNonNull("FBillNo") ? data.get("FBillNo").asText() : bill.billNo();
        return new BillRef(codec.id(data), no, true);
    }

    private Optional<BillRef> storedAfter(MiscellaneousReceipt bill, QiaoException cause) {
        try {
            return findByBillNo(bill.billNo()).map(s -> new BillRef(s.id(), s.billNo(), false));
        } catch (QiaoException lookupFailure) {
            if (cause != null) lookupFailure.addSuppressed(cause);
            throw lookupFailure;
        }
    }

    private void sleep(int attempt, Throwable failure) {
        Duration d = retry.delayBefore(attempt + 1, failure);
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new QiaoException("interrupted while waiting to repeat " + resource + "/create", ie);
        }
    }
}
