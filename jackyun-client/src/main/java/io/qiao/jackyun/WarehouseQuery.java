package io.qiao.jackyun;

import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Filters for {@code erp.warehouse.get}. The modified range is half-open, {@code [modifiedFrom, modifiedTo)},
 * in Beijing wall time; an open end means "now". Jackyun states no window limit for this method, so the range
 * is sent whole unless {@link Builder#maxWindow} says otherwise.
 */
public final class WarehouseQuery {
    /** The largest page Jackyun serves (VENDORS.md 2.5). */
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final String code;
    private final String name;
    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final int pageSize;
    private final Duration maxWindow;

    private WarehouseQuery(Builder b) {
        JackyunPaging.checkRange(b.modifiedFrom, b.modifiedTo);
        this.code = b.code;
        this.name = b.name;
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    /** Every warehouse. */
    public static WarehouseQuery all() {
        return builder().build();
    }

    /** Warehouses modified at or after {@code since} (Beijing time). */
    public static WarehouseQuery modifiedSince(LocalDateTime since) {
        return builder().modifiedFrom(Objects.requireNonNull(since, "since")).build();
    }

    public static WarehouseQuery modifiedBetween(LocalDateTime from, LocalDateTime to) {
        return builder().modifiedFrom(Objects.requireNonNull(from, "from")).modifiedTo(Objects.requireNonNull(to, "to"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().code(code).name(name).modifiedFrom(modifiedFrom).modifiedTo(modifiedTo)
                .pageSize(pageSize).maxWindow(maxWindow);
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public LocalDateTime modifiedFrom() {
        return modifiedFrom;
    }

    public LocalDateTime modifiedTo() {
        return modifiedTo;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The longest modified range sent in one query, or null for no limit. */
    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "WarehouseQuery{code=" + code + ", name=" + name + ", modified=[" + modifiedFrom + ", " + modifiedTo
                + "), pageSize=" + pageSize + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private String code;
        private String name;
        private LocalDateTime modifiedFrom;
        private LocalDateTime modifiedTo;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow;

        private Builder() {
        }

        /** 仓库编号, exact. */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /** 仓库名称, matched fuzzily by the vendor. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder modifiedFrom(LocalDateTime modifiedFrom) {
            this.modifiedFrom = modifiedFrom;
            return this;
        }

        /** Exclusive end; null means "now". */
        public Builder modifiedTo(LocalDateTime modifiedTo) {
            this.modifiedTo = modifiedTo;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = JackyunPaging.checkPageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /** Splits a longer modified range into windows of at most this length (null: no splitting). */
        public Builder maxWindow(Duration maxWindow) {
            this.maxWindow = JackyunPaging.checkWindow(maxWindow);
            return this;
        }

        public WarehouseQuery build() {
            return new WarehouseQuery(this);
        }
    }
}
