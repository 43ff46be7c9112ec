package io.qiao.kis;

import io.qiao.client.RetryOptions;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.internal.StockBills;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousDelivery;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 其他出库单 (other outbound bills): {@code /koas/app007104/api/miscellaneousdelivery/*}, the counterpart of
 * {@link MiscellaneousReceipts}, created at most once in the same way: an attempt without a clear answer, or a
 * refusal, is followed by a lookup by {@code FBillNo} ({@code miscellaneousdelivery/list}) before anything is sent
 * again, and {@link #createIfAbsent} (or {@code lookupBeforeCreate(true)} on the client) looks first.
 */
public final class MiscellaneousDeliveries {
    static final String RESOURCE = "miscellaneousdelivery";

    private final StockBills bills;
    private final boolean lookupBeforeCreate;

    MiscellaneousDeliveries(KisHttp http, BillCodec codec, String app, RetryOptions retry, boolean lookupBeforeCreate) {
        this.bills = new StockBills(http, codec, app, RESOURCE, retry);
        this.lookupBeforeCreate = lookupBeforeCreate;
    }

    /**
     * Creates the bill, validated locally first (an invalid bill fails with {@link IllegalArgumentException} naming
     * each bad field, and nothing is sent). Looks it up first when the client was built with
     * {@code lookupBeforeCreate(true)}.
     */
    public BillRef create(MiscellaneousDelivery bill) {
        return bills.create(Objects.requireNonNull(bill, "bill").validate().asStockBill(), lookupBeforeCreate);
    }

    /** Like {@link #create} but always looks the bill up by FBillNo before the first attempt. */
    public BillRef createIfAbsent(MiscellaneousDelivery bill) {
        return bills.createIfAbsent(Objects.requireNonNull(bill, "bill").validate().asStockBill());
    }

    /**
     * Which of these bills KIS already stores, keyed by FBillNo: one list query over the Fdate days they span, as
     * {@link MiscellaneousReceipts#findStored} does.
     */
    public Map<String, BillRef> findStored(Collection<MiscellaneousDelivery> bills) {
        return this.bills.findStored(Objects.requireNonNull(bills, "bills").stream()
                .map(MiscellaneousDelivery::asStockBill).toList());
    }

    /** Creates a bill that {@link #findStored} just found absent; see {@link MiscellaneousReceipts#createAbsent}. */
    public BillRef createAbsent(MiscellaneousDelivery bill) {
        return this.bills.create(Objects.requireNonNull(bill, "bill").validate().asStockBill(), false);
    }

    /** The stored bill with this FBillNo, if any (checked row by row, whatever the server does with the filter). */
    public Optional<BillRef> findByBillNo(String billNo) {
        Objects.requireNonNull(billNo, "billNo");
        return bills.findByBillNo(billNo).map(s -> new BillRef(s.id(), s.billNo(), false));
    }
}
