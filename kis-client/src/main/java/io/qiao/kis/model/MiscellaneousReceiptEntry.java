package io.qiao.kis.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line (Entry) of a 其他入库单. Field names follow the KIS koas payload (VENDORS.md 3.4); the Java names are
 * readable and {@link #toString()} shows the vendor names a KIS user knows.
 *
 * <p>{@code FItemID}, {@code FUnitID} and {@code FDCStockID} are strings, sent exactly as given. The public caller
 * that creates these bills (a ruiapp MES, {@code KisInventoryOperationAPI}) sends the internal ids: {@code FItemID}
 * and {@code FUnitID} are the {@code FItemID} of the {@code Material/List} and {@code MeasureUnit/List} rows, the
 * warehouse its KIS id; its TypeScript interface types them as strings. Pass the internal id as its decimal text
 * ({@link Material#itemId()}); a code such as {@code "1.01.001"} is what the old QEasy integration sent and may work
 * on accounts that accept codes, which no public source shows.
 *
 * @param itemId      FItemID, the material (required)
 * @param unitId      FUnitID, the unit (required)
 * @param qty         FQty, base-unit quantity (required, &gt; 0)
 * @param auxQty      Fauxqty, quantity in the entry's unit (required, &gt; 0; defaults to qty)
 * @param auxQtyMust  FAuxQtyMust, 应收数量 (required, &gt; 0; defaults to auxQty)
 * @param planMode    FPlanMode, 计划模式 (required; defaults to {@link #PLAN_MODE_MTS})
 * @param auxPrice    FAuxPrice, unit price, or null
 * @param amount      Famount, line amount, or null
 * @param warehouseId FDCStockID, receiving warehouse of this line, or null to use the head's
 * @param batchNo     FBatchNo, or null
 * @param note        Fnote, or null
 * @param extra       further vendor fields sent as given (FDCSPID, FKFDate, FSourceBillNo...)
 */
public record MiscellaneousReceiptEntry(String itemId, String unitId, BigDecimal qty, BigDecimal auxQty, BigDecimal auxQtyMust,
                                Integer planMode, BigDecimal auxPrice, BigDecimal amount, String warehouseId,
                                String batchNo, String note, Map<String, Object> extra) {
    /**
     * 14036 = MTS (按库存生产): the value a public caller (a ruiapp MES) sends on every KIS stock bill it creates,
     * 其他入库/出库, 外购入库, 产品入库 and 销售出库 alike.
     */
    public static final int PLAN_MODE_MTS = 14036;

    public MiscellaneousReceiptEntry {
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().itemId(itemId).unitId(unitId).qty(qty).auxQty(auxQty).auxQtyMust(auxQtyMust)
                .planMode(planMode).auxPrice(auxPrice).amount(amount).warehouseId(warehouseId).batchNo(batchNo)
                .note(note);
        b.extra.putAll(extra);
        return b;
    }

    @Override
    public String toString() {
        return "Entry{FItemID=" + itemId + ", FUnitID=" + unitId + ", FQty=" + qty + ", Fauxqty=" + auxQty
                + ", FAuxQtyMust=" + auxQtyMust + ", FPlanMode=" + planMode + ", FAuxPrice=" + auxPrice
                + ", Famount=" + amount + ", FDCStockID=" + warehouseId + ", FBatchNo=" + batchNo + ", Fnote=" + note
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    public static final class Builder {
        private String itemId;
        private String unitId;
        private BigDecimal qty;
        private BigDecimal auxQty;
        private BigDecimal auxQtyMust;
        private Integer planMode;
        private BigDecimal auxPrice;
        private BigDecimal amount;
        private String warehouseId;
        private String batchNo;
        private String note;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder itemId(String itemId) {
            this.itemId = itemId;
            return this;
        }

        public Builder unitId(String unitId) {
            this.unitId = unitId;
            return this;
        }

        public Builder qty(BigDecimal qty) {
            this.qty = qty;
            return this;
        }

        public Builder qty(long qty) {
            return qty(BigDecimal.valueOf(qty));
        }

        public Builder auxQty(BigDecimal auxQty) {
            this.auxQty = auxQty;
            return this;
        }

        public Builder auxQtyMust(BigDecimal auxQtyMust) {
            this.auxQtyMust = auxQtyMust;
            return this;
        }

        public Builder planMode(Integer planMode) {
            this.planMode = planMode;
            return this;
        }

        public Builder auxPrice(BigDecimal auxPrice) {
            this.auxPrice = auxPrice;
            return this;
        }

        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        public Builder warehouseId(String warehouseId) {
            this.warehouseId = warehouseId;
            return this;
        }

        public Builder batchNo(String batchNo) {
            this.batchNo = batchNo;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        /** A vendor field this type has no property for, sent under exactly this name. */
        public Builder field(String vendorName, Object value) {
            extra.put(Objects.requireNonNull(vendorName, "vendorName"), value);
            return this;
        }

        /**
         * Builds the entry, filling the quantities KIS requires but callers rarely distinguish: Fauxqty defaults
         * to FQty, FAuxQtyMust to Fauxqty, FPlanMode to MTS. Nothing is validated here; the bill is validated as
         * a whole before it is sent, so that every problem is reported at once.
         */
        public MiscellaneousReceiptEntry build() {
            BigDecimal aux = auxQty != null ? auxQty : qty;
            return new MiscellaneousReceiptEntry(itemId, unitId, qty, aux, auxQtyMust != null ? auxQtyMust : aux,
                    planMode != null ? planMode : PLAN_MODE_MTS, auxPrice, amount, warehouseId, batchNo, note, extra);
        }
    }
}
