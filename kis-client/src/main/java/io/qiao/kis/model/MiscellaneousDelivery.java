package io.qiao.kis.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A 其他出库单 (other outbound bill) as KIS koas {@code miscellaneousdelivery/create} takes it: the counterpart of the
 * {@link MiscellaneousReceipt 其他入库单}, for 聚水潭 其它出库. Immutable; build it with {@link #builder()}.
 *
 * <p>Head and Entry have the ICStockBill shape of every KIS stock bill, so a delivery is a stock bill underneath
 * ({@link #asStockBill()}), its lines are {@link MiscellaneousReceiptEntry} values, and it is checked and sent as
 * one. What is known, from the one public caller that creates these bills (a ruiapp MES,
 * {@code KisInventoryOperationAPI.createMiscellaneousDelivery}): {@code FTranType} 29, {@code FROB} 1, the lines'
 * warehouse in {@code FDCStockID} (K3's ICStockBill keeps the source warehouse of a 其他出库 in {@code FSCStockID};
 * pass it with {@link MiscellaneousReceiptEntry.Builder#field} if your account wants that), {@code FPlanMode} 14036,
 * internal ids for {@code FItemID}/{@code FUnitID}. <b>[INFER]</b> The response ({@code FID}, {@code FBillNo}) and
 * the list API ({@code miscellaneousdelivery/list}) are assumed to mirror the 其他入库单's.
 */
public final class MiscellaneousDelivery {
    /** FTranType of 其他出库 in the KIS/K3 ICStockBill table, and what the public koas caller sends. */
    public static final int TRAN_TYPE_OTHER_OUTBOUND = 29;

    private final MiscellaneousReceipt bill;

    private MiscellaneousDelivery(MiscellaneousReceipt bill) {
        this.bill = bill;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same Head and Entry as a stock bill, which is how it is checked and sent. */
    public MiscellaneousReceipt asStockBill() {
        return bill;
    }

    /** FBillNo; blank lets KIS number the bill. */
    public String billNo() {
        return bill.billNo();
    }

    public boolean hasBillNo() {
        return bill.hasBillNo();
    }

    /** Fdate, the day. */
    public LocalDate date() {
        return bill.date();
    }

    /** FTranType, 29 unless set. */
    public Integer tranType() {
        return bill.tranType();
    }

    /** FDCStockID for lines that do not name their own, or null. */
    public String warehouseId() {
        return bill.warehouseId();
    }

    /** Further head fields sent as given (Fuse, FFManagerID, FSManagerID, FROB, FHeadSelf*...). */
    public Map<String, Object> extra() {
        return bill.extra();
    }

    public List<MiscellaneousReceiptEntry> entries() {
        return bill.entries();
    }

    /** Every reason KIS would refuse this bill that can be known without asking it, each naming the vendor field. */
    public List<String> problems() {
        return bill.problems();
    }

    /** Throws {@link IllegalArgumentException} listing every {@linkplain #problems() problem}, or returns this bill. */
    public MiscellaneousDelivery validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("invalid 其他出库单 " + (hasBillNo() ? billNo() : "(no FBillNo)") + ": "
                    + String.join("; ", p));
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MiscellaneousDelivery d && d.bill.equals(bill);
    }

    @Override
    public int hashCode() {
        return bill.hashCode();
    }

    @Override
    public String toString() {
        return "MiscellaneousDelivery" + bill.toString().substring("MiscellaneousReceipt".length());
    }

    /** The head fields of a stock bill, FTranType 29 by default; FSupplyID does not apply to a 其他出库单. */
    public static final class Builder {
        private final MiscellaneousReceipt.Builder bill = MiscellaneousReceipt.builder()
                .tranType(TRAN_TYPE_OTHER_OUTBOUND);

        private Builder() {
        }

        public Builder billNo(String billNo) {
            bill.billNo(billNo);
            return this;
        }

        /** A date-only Fdate, sent as {@code yyyy-MM-dd}. */
        public Builder date(LocalDate date) {
            bill.date(date);
            return this;
        }

        /** Fdate with its time of day (whole seconds), sent as {@code yyyy-MM-dd'T'HH:mm:ss}. */
        public Builder date(LocalDateTime dateTime) {
            bill.date(dateTime);
            return this;
        }

        /** Defaults to {@link #TRAN_TYPE_OTHER_OUTBOUND} (29). */
        public Builder tranType(Integer tranType) {
            bill.tranType(tranType);
            return this;
        }

        /** FDeptID. */
        public Builder deptId(String deptId) {
            bill.deptId(deptId);
            return this;
        }

        /** FBillerID (制单人). */
        public Builder billerId(String billerId) {
            bill.billerId(billerId);
            return this;
        }

        /** FDCStockID for lines that do not name their own. */
        public Builder warehouseId(String warehouseId) {
            bill.warehouseId(warehouseId);
            return this;
        }

        /** Fnote. */
        public Builder note(String note) {
            bill.note(note);
            return this;
        }

        /** A head field this type has no property for, sent under exactly this name (e.g. {@code Fuse}). */
        public Builder field(String vendorName, Object value) {
            bill.field(Objects.requireNonNull(vendorName, "vendorName"), value);
            return this;
        }

        public Builder entry(MiscellaneousReceiptEntry entry) {
            bill.entry(entry);
            return this;
        }

        public MiscellaneousDelivery build() {
            return new MiscellaneousDelivery(bill.build());
        }
    }
}
