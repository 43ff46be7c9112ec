package io.qiao.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.PagedIterable;
import io.qiao.client.RetryOptions;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.internal.StockBills;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptDetail;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 其他入库单 (other inbound bills): {@code /koas/app007104/api/miscellaneousreceipt/*}.
 *
 * <h2>Why a create is safe to repeat here</h2>
 * KIS has no idempotency key, and a create that timed out or whose answer was lost may well have been stored. So a
 * create is never re-sent blindly: when an attempt ends without a clear answer the bill is first looked up by its
 * {@code FBillNo} and the stored bill returned if there is one ({@link BillRef#created()} false). Only when the
 * bill is certainly absent is the create sent again. A business refusal (for instance "bill number already exists")
 * is also checked against the list, so re-running a sync returns the existing bill instead of failing. Bills without
 * an FBillNo cannot be looked up and are never re-sent once they may have reached KIS.
 */
public final class MiscellaneousReceipts {
    static final String RESOURCE = "miscellaneousreceipt";

    private final StockBills bills;
    private final boolean lookupBeforeCreate;

    MiscellaneousReceipts(KisHttp http, BillCodec codec, String app, RetryOptions retry, boolean lookupBeforeCreate) {
        this.bills = new StockBills(http, codec, app, RESOURCE, retry);
        this.lookupBeforeCreate = lookupBeforeCreate;
    }

    /**
     * Creates the bill, validated locally first (an invalid bill fails with {@link IllegalArgumentException} naming
     * each bad field, and nothing is sent). Looks the bill up first when the client was built with
     * {@code lookupBeforeCreate(true)}.
     */
    public BillRef create(MiscellaneousReceipt bill) {
        return bills.create(Objects.requireNonNull(bill, "bill").validate(), lookupBeforeCreate);
    }

    /** Like {@link #create} but always looks the bill up by FBillNo before the first attempt. */
    public BillRef createIfAbsent(MiscellaneousReceipt bill) {
        return bills.createIfAbsent(Objects.requireNonNull(bill, "bill").validate());
    }

    /**
     * Which of these bills KIS already stores, keyed by FBillNo: one list query over the Fdate days they span
     * (paged only until every number was seen), or one lookup per bill when those days hold more pages than there
     * are bills. What a sync sink calls once per batch before it creates the rest with {@link #createAbsent}.
     */
    public Map<String, BillRef> findStored(Collection<MiscellaneousReceipt> bills) {
        return this.bills.findStored(Objects.requireNonNull(bills, "bills"));
    }

    /**
     * Creates a bill that {@link #findStored} just found absent: no lookup first, whatever the client's
     * {@code lookupBeforeCreate}; after an unclear outcome or a refusal it is still looked up by FBillNo before
     * anything is sent again, so it is never created twice.
     */
    public BillRef createAbsent(MiscellaneousReceipt bill) {
        return this.bills.create(Objects.requireNonNull(bill, "bill").validate(), false);
    }

    /** The stored bill with this FBillNo, if any (checked row by row, whatever the server does with the filter). */
    public Optional<MiscellaneousReceiptSummary> findByBillNo(String billNo) {
        return bills.findByBillNo(billNo);
    }

    /** Pages through the list API lazily ({@code CurrentPage}/{@code ItemsOfPage}, ends at {@code TotalPages}). */
    public PagedIterable<MiscellaneousReceiptSummary> list(MiscellaneousReceiptQuery query) {
        return bills.list(query);
    }

    /** The stored bill with its lines ({@code getdetail}), or empty when KIS returns no data for the id. */
    public Optional<MiscellaneousReceiptDetail> get(long id) {
        return bills.get(id);
    }

    static boolean hasNext(JsonNode data, int page, int rows, int pageSize) {
        return StockBills.hasNext(data, page, rows, pageSize);
    }
}
