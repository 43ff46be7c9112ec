package io.qiao.kis.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A 其他出库单 (other outbound bill) as KIS koas {@code miscellaneousdelivery/create} takes it: the counterpart of the
 * {@link MiscellaneousReceipt 其他入库单}, for 聚水潭 其它出库. Immutable; build it with {@link #builder()}.
 *
 * <p>Head and Entry have the ICStockBill shape of every KIS stock bill, so the lines are
 * {@link MiscellaneousReceiptEntry} values and the bill is checked and sent as a stock bill
 * ({@link #asStockBill()}). What is known, from the one public caller that creates these bills (a ruiapp MES,
 * {@code KisInventoryOperationAPI.createMiscellaneousDelivery}): {@code FTranType} 29, {@code FROB} 1, the lines'
 * warehouse in {@code FDCStockID} (K3's ICStockBill keeps the source warehouse of a 其他出库 in {@code FSCStockID};
 * pass it with {@link MiscellaneousReceiptEntry.Builder#field} if your account wants that), {@code FPlanMode} 14036,
 * internal ids for {@code FItemID}/{@code FUnitID}. <b>[INFER]</b> The response ({@code FID}, {@code FBillNo}) and
 * the list API ({@code miscellaneousdelivery/list}) are assumed to mirror the 其他入库单's.
 *
 * @param billNo      FBillNo, unique per bill type; blank lets KIS number the bill
 * @param date        Fdate (required), the day
 * @param dateTime    Fdate with its time of day, or null for a date-only bill
 * @param tranType    FTranType (required; 29 = 其他出库 by default)
 * @param deptId      FDeptID, or null
 * @param billerId    FBillerID (制单人), or null
 * @param warehouseId FDCStockID for lines that do not name their own, or null
 * @param note        Fnote, or null
 * @param extra       further head fields sent as given (Fuse, FFManagerID, FSManagerID, FROB, FHeadSelf*...)
 * @param entries     the lines, at least one
 */
public record MiscellaneousDelivery(String billNo, LocalDate date, LocalDateTime dateTime, Integer tranType,
                                    String deptId, String billerId, String warehouseId, String note,
                                    Map<String, Object> extra, List<MiscellaneousReceiptEntry> entries) {
    /** FTranType of 其他出库 in the KIS/K3 ICStockBill table, and what the public koas caller sends. */
    public static final int TRAN_TYPE_OTHER_OUTBOUND = 29;

    public MiscellaneousDelivery {
        if (dateTime != null) {
            date = dateTime.toLocalDate();
        }
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean hasBillNo() {
        return billNo != null && !billNo.isBlank();
    }

    /** The same Head and Entry as a stock bill, which is how it is checked and sent. */
    public MiscellaneousReceipt asStockBill() {
        MiscellaneousReceipt.Builder b = MiscellaneousReceipt.builder().billNo(billNo).tranType(tranType)
                .deptId(deptId).billerId(billerId).warehouseId(warehouseId).note(note).entries(entries);
        if (dateTime != null) {
            b.date(dateTime);
        } else {
            b.date(date);
        }
        extra.forEach(b::field);
        return b.build();
    }

    /** Every reason KIS would refuse this bill that can be known without asking it, each naming the vendor field. */
    public List<String> problems() {
        return asStockBill().problems();
    }

    /** Throws {@link IllegalArgumentException} listing every {@linkplain #problems() problem}, or returns this bill. */
    public MiscellaneousDelivery validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("invalid 其他出库单 " + (hasBillNo() ? billNo : "(no FBillNo)") + ": "
                    + String.join("; ", p));
        }
        return this;
    }

    public static final class Builder {
        private String billNo;
        private LocalDate date;
        private LocalDateTime dateTime;
        private Integer tranType = TRAN_TYPE_OTHER_OUTBOUND;
        private String deptId;
        private String billerId;
        private String warehouseId;
        private String note;
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private final List<MiscellaneousReceiptEntry> entries = new ArrayList<>();

        private Builder() {
        }

        public Builder billNo(String billNo) {
            this.billNo = billNo;
            return this;
        }

        /** A date-only Fdate, sent as {@code yyyy-MM-dd}; clears a time set before. */
        public Builder date(LocalDate date) {
            this.date = date;
            this.dateTime = null;
            return this;
        }

        /** Fdate with its time of day (whole seconds), sent as {@code yyyy-MM-dd'T'HH:mm:ss}. */
        public Builder date(LocalDateTime dateTime) {
            this.dateTime = dateTime;
            this.date = dateTime == null ? null : dateTime.toLocalDate();
            return this;
        }

        /** Defaults to {@link #TRAN_TYPE_OTHER_OUTBOUND} (29). */
        public Builder tranType(Integer tranType) {
            this.tranType = tranType;
            return this;
        }

        public Builder deptId(String deptId) {
            this.deptId = deptId;
            return this;
        }

        public Builder billerId(String billerId) {
            this.billerId = billerId;
            return this;
        }

        public Builder warehouseId(String warehouseId) {
            this.warehouseId = warehouseId;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        /** A head field this type has no property for, sent under exactly this name (e.g. {@code Fuse}). */
        public Builder field(String vendorName, Object value) {
            extra.put(Objects.requireNonNull(vendorName, "vendorName"), value);
            return this;
        }

        public Builder entry(MiscellaneousReceiptEntry entry) {
            entries.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        public Builder entries(List<MiscellaneousReceiptEntry> entries) {
            entries.forEach(this::entry);
            return this;
        }

        public MiscellaneousDelivery build() {
            return new MiscellaneousDelivery(billNo, date, dateTime, tranType, deptId, billerId, warehouseId, note,
                    extra, entries);
        }
    }
}
