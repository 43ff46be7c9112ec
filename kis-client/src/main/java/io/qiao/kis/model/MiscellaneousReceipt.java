package io.qiao.kis.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A 其他入库单 (other inbound bill) as KIS koas {@code miscellaneousreceipt/create} takes it: a Head and its Entry
 * lines (VENDORS.md 3.4). Immutable; build it with {@link #builder()}.
 *
 * <p>The bill number is what makes a create idempotent: Qiao looks a bill up by {@code FBillNo} before it repeats
 * a create whose outcome is unknown. A bill without a number is left for KIS to number, and such a create is never
 * repeated once it may have reached KIS.
 *
 * @param billNo     FBillNo, unique per bill type; blank lets KIS number the bill
 * @param date       Fdate, the bill date (required)
 * @param time       the time of day of Fdate, or null for a date-only bill. With a time, Fdate is sent as
 *                   {@code yyyy-MM-dd'T'HH:mm:ss} (what the old QEasy integration sent: io_date with a 'T', seeds/001);
 *                   without one as {@code yyyy-MM-dd}, as before
 * @param tranType   FTranType (required); 10 is 其他入库 in ICStockBill, and the value a public koas caller (a ruiapp
 *                   MES) puts in the Head of {@code miscellaneousreceipt/create} (29 for miscellaneousdelivery, 1
 *                   purchasereceipt, 2 productreceipt, 21 salesdelivery, 24 pickinglist)
 * @param deptId     FDeptID, or null
 * @param supplierId FSupplyID, or null
 * @param billerId   FBillerID (制单人), or null
 * @param warehouseId FDCStockID, the receiving warehouse for lines that do not name their own, or null
 * @param note       Fnote, or null
 * @param extra      further head fields sent as given (FSManagerID, FFManagerID, FROB, FHeadSelf*...)
 * @param entries    the lines, at least one
 */
public record MiscellaneousReceipt(String billNo, LocalDate date, LocalTime time, Integer tranType, String deptId, String supplierId,
                               String billerId, String warehouseId, String note, Map<String, Object> extra,
                               List<MiscellaneousReceiptEntry> entries) {
    /** FTranType of 其他入库 in the KIS/K3 ICStockBill table. */
    public static final int TRAN_TYPE_OTHER_INBOUND = 10;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    public MiscellaneousReceipt {
        if (time != null && date == null) {
            throw new IllegalArgumentException("time " + time + " given without a date");
        }
        time = time == null ? null : time.withNano(0); // KIS takes whole seconds
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** A date-only bill (Fdate sent as {@code yyyy-MM-dd}): the shape before bills carried a time. */
    public MiscellaneousReceipt(String billNo, LocalDate date, Integer tranType, String deptId, String supplierId,
                            String billerId, String warehouseId, String note, Map<String, Object> extra,
                            List<MiscellaneousReceiptEntry> entries) {
        this(billNo, date, null, tranType, deptId, supplierId, billerId, warehouseId, note, extra, entries);
    }

    /** Fdate as a date-time: midnight for a date-only bill; null when there is no date. */
    public LocalDateTime dateTime() {
        return date == null ? null : date.atTime(time == null ? LocalTime.MIDNIGHT : time);
    }

    /**
     * Fdate as it goes on the wire: {@code yyyy-MM-dd'T'HH:mm:ss} when the bill has a time, {@code yyyy-MM-dd}
     * otherwise; null when there is no date.
     */
    public String fdate() {
        if (date == null) return null;
        return time == null ? date.toString() : DATE_TIME.format(dateTime());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().billNo(billNo).date(date).time(time).tranType(tranType).deptId(deptId).supplierId(supplierId)
                .billerId(billerId).warehouseId(warehouseId).note(note);
        b.extra.putAll(extra);
        b.entries.addAll(entries);
        return b;
    }

    public boolean hasBillNo() {
        return billNo != null && !billNo.isBlank();
    }

    /**
     * Every reason KIS would refuse this bill that can be known without asking it, each naming the vendor field
     * ({@code "Entry[2].FQty must be greater than 0, was -1"}). Empty when the bill is fine.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (date == null) p.add("Head.Fdate is required");
        if (tranType == null) p.add("Head.FTranType is required");
        if (billNo != null && billNo.length() > 255) p.add("Head.FBillNo is longer than 255 characters");
        if (entries.isEmpty()) p.add("Entry must have at least one line");
        for (int i = 0; i < entries.size(); i++) {
            MiscellaneousReceiptEntry e = entries.get(i);
            String at = "Entry[" + (i + 1) + "].";
            if (e == null) {
                p.add(at.substring(0, at.length() - 1) + " is null");
                continue;
            }
            if (blank(e.itemId())) p.add(at + "FItemID is required");
            if (blank(e.unitId())) p.add(at + "FUnitID is required");
            positive(p, at + "FQty", e.qty());
            positive(p, at + "Fauxqty", e.auxQty());
            positive(p, at + "FAuxQtyMust", e.auxQtyMust());
            if (e.planMode() == null) p.add(at + "FPlanMode is required");
            nonNegative(p, at + "FAuxPrice", e.auxPrice());
            nonNegative(p, at + "Famount", e.amount());
            if (blank(e.warehouseId()) && blank(warehouseId)) {
                p.add(at + "FDCStockID is required (on the line or on the head)");
            }
        }
        return p;
    }

    /** Throws {@link IllegalArgumentException} listing every {@linkplain #problems() problem}, or returns this bill. */
    public MiscellaneousReceipt validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("invalid 其他入库单 " + (hasBillNo() ? billNo : "(no FBillNo)") + ": "
                    + String.join("; ", p));
        }
        return this;
    }

    @Override
    public String toString() {
        return "MiscellaneousReceipt{FBillNo=" + billNo + ", Fdate=" + fdate() + ", FTranType=" + tranType + ", FDeptID="
                + deptId + ", FSupplyID=" + supplierId + ", FBillerID=" + billerId + ", FDCStockID=" + warehouseId
                + ", Fnote=" + note + (extra.isEmpty() ? "" : ", " + extra) + ", Entry=" + entries + "}";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void positive(List<String> p, String field, BigDecimal v) {
        if (v == null) {
            p.add(field + " is required");
        } else if (v.signum() <= 0) {
            p.add(field + " must be greater than 0, was " + v.toPlainString());
        }
    }

    private static void nonNegative(List<String> p, String field, BigDecimal v) {
        if (v != null && v.signum() < 0) {
            p.add(field + " must not be negative, was " + v.toPlainString());
        }
    }

    public static final class Builder {
        private String billNo;
        private LocalDate date;
        private LocalTime time;
        private Integer tranType = TRAN_TYPE_OTHER_INBOUND;
        private String deptId;
        private String supplierId;
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
            this.time = null;
            return this;
        }

        /**
         * Fdate with its time of day (whole seconds), sent as {@code yyyy-MM-dd'T'HH:mm:ss}: the 聚水潭 io_date of
         * the source document, as the old integration sent it.
         */
        public Builder date(LocalDateTime dateTime) {
            this.date = dateTime == null ? null : dateTime.toLocalDate();
            this.time = dateTime == null ? null : dateTime.toLocalTime();
            return this;
        }

        private Builder time(LocalTime time) {
            this.time = time;
            return this;
        }

        /** Defaults to {@link #TRAN_TYPE_OTHER_INBOUND} (10). */
        public Builder tranType(Integer tranType) {
            this.tranType = tranType;
            return this;
        }

        public Builder deptId(String deptId) {
            this.deptId = deptId;
            return this;
        }

        public Builder supplierId(String supplierId) {
            this.supplierId = supplierId;
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

        /** A head field this type has no property for, sent under exactly this name. */
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

        public MiscellaneousReceipt build() {
            return new MiscellaneousReceipt(billNo, date, time, tranType, deptId, supplierId, billerId, warehouseId, note, extra,
                    entries);
        }
    }
}
