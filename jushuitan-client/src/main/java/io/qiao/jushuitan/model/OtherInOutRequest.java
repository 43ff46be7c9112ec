package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new 其它出入库 document for {@code /open/jushuitan/otherinout/upload} (VENDORS.md 1.8). The vendor
 * de-duplicates by {@code external_id}, which makes the upload safe to retry: give every source document
 * its own stable external id (e.g. the KIS bill number).
 */
public final class OtherInOutRequest {
    private static final String API = "/open/jushuitan/otherinout/upload";

    /** {@code in}: 其它退货/入库; {@code out}: 其它出库. */
    public enum Direction {
        IN, OUT
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

    private final String externalId;
    private final Direction direction;
    private final int warehouse;
    private final Long wmsCoId;
    private final String remark;
    private final boolean confirm;
    private final String drpCoName;
    private final List<String> labels;
    private final List<Item> items;

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
        this.direction = b.direction;
        this.warehouse = b.warehouse;
        this.wmsCoId = b.wmsCoId;
        this.remark = b.remark;
        this.confirm = b.confirm;
        this.drpCoName = b.drpCoName;
        this.labels = List.copyOf(b.labels);
        this.items = List.copyOf(b.items);
    }

    public static Builder builder(String externalId, Direction direction) {
        return new Builder(externalId, direction);
    }

    /** A builder holding this request's values, to derive a variant (say another external id's twin). */
    public Builder toBuilder() {
        Builder b = new Builder(externalId, direction);
        b.warehouse = warehouse;
        b.wmsCoId = wmsCoId;
        b.remark = remark;
        b.confirm = confirm;
        b.drpCoName = drpCoName;
        b.labels.addAll(labels);
        b.items.addAll(items);
        return b;
    }

    /** The id the vendor de-duplicates uploads by. */
    public String externalId() {
        return externalId;
    }

    public Direction direction() {
        return direction;
    }

    /** 1 主仓, 2 销退仓, 3 进货仓, 4 次品仓, 6.. 自定义仓. */
    public int warehouse() {
        return warehouse;
    }

    /** The 分仓 company id, or null for the main company. */
    public Long wmsCoId() {
        return wmsCoId;
    }

    public String remark() {
        return remark;
    }

    /** Whether the document is confirmed (生效) on creation. */
    public boolean confirm() {
        return confirm;
    }

    /** The distributor name, or null. */
    public String drpCoName() {
        return drpCoName;
    }

    public List<String> labels() {
        return labels;
    }

    /** The lines, in the order given. */
    public List<Item> items() {
        return items;
    }

    @Override
    public String toString() {
        return "OtherInOutRequest{externalId=" + externalId + ", items=" + items.size() + "}";
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

        public OtherInOutRequest build() {
            return new OtherInOutRequest(this);
        }
    }
}
