package io.qiao.kis.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A 采购入库单 (KIS: 外购入库单) as KIS koas {@code purchasereceipt/create} takes it, with FTranType 1: the ICStockBill
 * Head/Entry shape of every KIS stock bill ({@link #asStockBill()}), its lines {@link MiscellaneousReceiptEntry}
 * values, and the supplier in {@code FSupplyID} (required here; the simulator refuses a supplier it does not know).
 * Immutable; build it with {@link #builder()}.
 *
 * <p>What is known: the endpoint and the Head/Entry field names are those of a public caller's
 * {@code KisInventoryOperationAPI.createPurchaseReceipt} (a ruiapp MES, whose payload type notes {@code FTranType}
 * {@code // 1}); FTranType 1 is 外购入库 in ICStockBill (SQL in several public repos); {@code purchasereceipt/list}
 * is called by a public PHP client (holt/kindee-kis). <b>[INFER]</b> that FSupplyID takes the supplier's
 * {@code FItemID} (the {@code Vendor/List} row's), as FItemID takes the material's; that the response and the list
 * filters mirror the 其他入库单's. Purchase-specific head fields (FPOStyle 采购方式, FSettleDate...) go through
 * {@link Builder#field}.
 */
public final class PurchaseReceipt {
    /** FTranType of 采购入库 (外购入库) in the KIS/K3 ICStockBill table. */
    public static final int TRAN_TYPE_PURCHASE_INBOUND = 1;

    private final MiscellaneousReceipt bill;

    private PurchaseReceipt(MiscellaneousReceipt bill) {
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

    /** FTranType, 1 unless set. */
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

    /** 供应商: FSupplyID, the FItemID (or, where the account takes codes, FNumber) of a supplier. */
    public String supplierId() {
        return bill.supplierId();
    }

    /** Every reason KIS would refuse this bill that can be known without asking it, each naming the vendor field. */
    public List<String> problems() {
        List<String> p = new ArrayList<>(bill.problems());
        if (bill.supplierId() == null || bill.supplierId().isBlank()) {
            p.add(0, "Head.FSupplyID (供应商) is required");
        }
        return p;
    }

    /** Throws {@link IllegalArgumentException} listing every {@linkplain #problems() problem}, or returns this bill. */
    public PurchaseReceipt validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("invalid 外购入库单 " + (hasBillNo() ? billNo() : "(no FBillNo)") + ": "
                    + String.join("; ", p));
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurchaseReceipt d && d.bill.equals(bill);
    }

    @Override
    public int hashCode() {
        return bill.hashCode();
    }

    @Override
    public String toString() {
        return "PurchaseReceipt" + bill.toString().substring("MiscellaneousReceipt".length());
    }

    /** The head fields of a stock bill, FTranType 1 by default. */
    public static final class Builder {
        private final MiscellaneousReceipt.Builder bill = MiscellaneousReceipt.builder()
                .tranType(TRAN_TYPE_PURCHASE_INBOUND);

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

        /** Defaults to {@link #TRAN_TYPE_PURCHASE_INBOUND} (1). */
        public Builder tranType(Integer tranType) {
            bill.tranType(tranType);
            return this;
        }

        /** FSupplyID: the supplier's FItemID (see {@link io.qiao.kis.Partners}, {@link io.qiao.kis.model.Partner#id()}); required. */
        public Builder supplierId(String supplierId) {
            bill.supplierId(supplierId);
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

        public PurchaseReceipt build() {
            return new PurchaseReceipt(bill.build());
        }
    }
}
