package io.qiao.kis;

import io.qiao.client.RetryOptions;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.internal.StockBills;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.SalesDelivery;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 销售出库单 (FTranType 21): {@code /koas/app007104/api/salesdelivery/*}, created at most once as
 * {@link MiscellaneousReceipts} creates: an attempt without a clear answer, or a refusal, is followed by a lookup by
 * {@code FBillNo} ({@code salesdelivery/list}) before anything is sent again; {@link #findStored} finds the stored
 * bills of a batch with one list query. The customer in each bill's head comes from {@link KisClient#customers()}.
 */
public final class SalesDeliveries {
    static final String RESOURCE = "salesdelivery";

    private final StockBills bills;
    private final boolean lookupBeforeCreate;

    SalesDeliveries(KisHttp http, BillCodec codec, String app, RetryOptions retry, boolean lookupBeforeCreate) {
        this.bills = new StockBills(http, codec, app, RESOURCE, retry);
        this.lookupBeforeCreate = lookupBeforeCreate;
    }

    /**
     * Creates the bill, validated locally first (an invalid bill fails with {@link IllegalArgumentException} naming
     * each bad field, and nothing is sent). Looks it up first when the client was built with
     * {@code lookupBeforeCreate(true)}.
     */
    public BillRef create(SalesDelivery bill) {
        return bills.create(Objects.requireNonNull(bill, "bill").validate().asStockBill(), lookupBeforeCreate);
    }

    /** Like {@link #create} but always looks the bill up by FBillNo before the first attempt. */
    public BillRef createIfAbsent(SalesDelivery bill) {
        return bills.createIfAbsent(Objects.requireNonNull(bill, "bill").validate().asStockBill());
    }

    /**
     * Which of these bills KIS already stores, keyed by FBillNo: one list query over the Fdate days they span, as
     * {@link MiscellaneousReceipts#findStored} does.
     */
    public Map<String, BillRef> findStored(Collection<SalesDelivery> bills) {
        return this.bills.findStored(Objects.requireNonNull(bills, "bills").stream()
                .map(SalesDelivery::asStockBill).toList());
    }

    /** Creates a bill that {@link #findStored} just found absent; see {@link MiscellaneousReceipts#createAbsent}. */
    public BillRef createAbsent(SalesDelivery bill) {
        return this.bills.create(Objects.requireNonNull(bill, "bill").validate().asStockBill(), false);
    }

    /** The stored bill with this FBillNo, if any (checked row by row, whatever the server does with the filter). */
    public Optional<BillRef> findByBillNo(String billNo) {
        Objects.requireNonNull(billNo, "billNo");
        return bills.findByBillNo(billNo).map(s -> new BillRef(s.id(), s.billNo(), false));
    }
}
