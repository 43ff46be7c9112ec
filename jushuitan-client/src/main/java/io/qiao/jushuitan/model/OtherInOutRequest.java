package io.qiao.jushuitan.model;

import io.qiao.jushuitan.internal.JstWire;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new 其它出入库 document for {@code /open/jushuitan/otherinout/upload} (VENDORS.md 1.8). The vendor
 * de-duplicates by {@code external_id}, which makes the upload safe to retry: give every source document
 * its own stable external id (e.g. the KIS bill number).
 */
public final class OtherInOutRequest {
    static {
        // The resources read the wire fields through JstWire; they stay off this type's public surface.
        JstWire.register(OtherInOutRequest.class, OtherInOutRequest::biz, null);
    }

    private static final String API = "/open/jushuitan/otherinout/upload";

    /** {@code in}: 其它退货/入库; {@code out}: 其它出库. */
    public enum Direction {
        IN("in"), OUT("out");

        private final String wire;

        Direction(String wire) {
            this.wire = wire;
        }
    }

    /** A line: {@code qty > 0}. */
    public record Item(String skuId, int qty, String batchId, LocalDate producedDate, LocalDate expirationDate,
                       String supplierId, BigDecimal salePrice, List<String> skuSns, String remark) {
        public Item {
            Objects.requireNonNull(skuId, "skuId");
            if (skuId.isBlank()) {
                throw new IllegalArgumentException(API + ": items[].sku_id must not be blank");
            }
            if (qty <= 0) {
                throw new IllegalArgumentException(API + ": items[].qty of " + skuId + " must be above 0, was " + qty);
            }
            skuSns = skuSns == null ? List.of() : List.copyOf(skuSns);
        }

        public static Item of(String skuId, int qty) {
            return new Item(skuId, qty, null, null, null, null, null, null, null);
        }
    }

    private final Map<String, Object> biz;
    private final String externalId;
    /** What the builder held, kept for {@link #toBuilder()}. */
    private final Builder values;

    private OtherInOutRequest(Builder b) {
        if (b.items.isEmpty() || b.items.size() > 1000) {
            throw new IllegalArgumentException(API + ": items must have 1 to 1000 lines, has " + b.items.size());
        }
        if (b.warehouse == null) {
            throw new IllegalArgumentException(API + ": warehouse is required (1 = 主仓 ... 15 = 自定义10仓)");
        }
        if (b.remark == null || b.remark.isEmpty()) {
            throw new IllegalArgumentException(API + ": remark is required and must not be empty (the vendor refuses empty)");
        }
        this.externalId = b.externalId;
        this.values = b.copy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("external_id", b.externalId);
        m.put("type", b.direction.wire);
        m.put("warehouse", b.warehouse);
        m.put("is_confirm", b.confirm);
        if (b.wmsCoId != null) m.put("wms_co_id", b.wmsCoId);
        m.put("remark", b.remark);
        if (b.drpCoName != null) m.put("drp_co_name", b.drpCoName);
        if (!b.labels.isEmpty()) m.put("labels", List.copyOf(b.labels));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Item i : b.items) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku_id", i.skuId());
            line.put("qty", i.qty());
            if (i.batchId() != null) line.put("batch_id", i.batchId());
            if (i.producedDate() != null) line.put("produced_date", i.producedDate().toString());
            if (i.expirationDate() != null) line.put("expiration_date", i.expirationDate().toString());
            if (i.supplierId() != null) line.put("supplier_id", i.supplierId());
            if (i.salePrice() != null) line.put("sale_price", i.salePrice());
            if (!i.skuSns().isEmpty()) line.put("sku_sns", i.skuSns());
            if (i.remark() != null) line.put("remark", i.remark());
            items.add(line);
        }
        m.put("items", items);
        this.biz = m;
    }

    public static Builder builder(String externalId, Direction direction) {
        return new Builder(externalId, direction);
    }

    /** A builder holding this request's values, to derive a variant (say another external id's twin). */
    public Builder toBuilder() {
        return values.copy();
    }

    public String externalId() {
        return externalId;
    }

    private Map<String, Object> biz() {
        return biz;
    }

    @Override
    public String toString() {
        return "OtherInOutRequest{externalId=" + externalId + ", items=" + ((List<?>) biz.get("items")).size() + "}";
    }

    public static final class Builder {
        private final String externalId;
        private final Direction direction;
        private Integer warehouse;
        private Long wmsCoId;
        private String remark;
        private boolean confirm;
        private String drpCoName;
        private final List<String> labels = new ArrayList<>();
        private final List<Item> items = new ArrayList<>();

        private Builder(String externalId, Direction direction) {
            Objects.requireNonNull(externalId, "externalId");
            if (externalId.isBlank()) {
                throw new IllegalArgumentException(API + ": external_id must not be blank: it is what makes the upload idempotent");
            }
            this.externalId = externalId;
            this.direction = Objects.requireNonNull(direction, "direction");
        }

        /** 1 主仓, 2 销退仓, 3 进货仓, 4 次品仓, 6.. 自定义仓, up to 15. */
        public Builder warehouse(int warehouse) {
            if (warehouse < 1 || warehouse > 15) {
                throw new IllegalArgumentException(API + ": warehouse must be 1 to 15, was " + warehouse);
            }
            this.warehouse = warehouse;
            return this;
        }

        public Builder wmsCoId(long wmsCoId) {
            this.wmsCoId = wmsCoId;
            return this;
        }

        public Builder remark(String remark) {
            this.remark = remark;
            return this;
        }

        /** Confirm (生效) the document on creation. */
        public Builder confirm(boolean confirm) {
            this.confirm = confirm;
            return this;
        }

        public Builder drpCoName(String drpCoName) {
            this.drpCoName = drpCoName;
            return this;
        }

        public Builder label(String label) {
            labels.add(Objects.requireNonNull(label, "label"));
            return this;
        }

        public Builder item(String skuId, int qty) {
            return item(Item.of(skuId, qty));
        }

        public Builder item(Item item) {
            items.add(Objects.requireNonNull(item, "item"));
            return this;
        }

        private Builder copy() {
            Builder c = new Builder(externalId, direction);
            c.warehouse = warehouse;
            c.wmsCoId = wmsCoId;
            c.remark = remark;
            c.confirm = confirm;
            c.drpCoName = drpCoName;
            c.labels.addAll(labels);
            c.items.addAll(items);
            return c;
        }

        public OtherInOutRequest build() {
            return new OtherInOutRequest(this);
        }
    }
}
