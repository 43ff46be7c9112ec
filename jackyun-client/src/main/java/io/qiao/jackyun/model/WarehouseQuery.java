package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Filters for {@code erp.warehouse.get}. The modified range is half-open, {@code [modifiedFrom, modifiedTo)},
 * given as instants and sent in Beijing wall time; an open end means "now". Jackyun states no window limit for this method, so the range
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

    /** Records modified at or after {@code since}. */
    public static WarehouseQuery modifiedSince(Instant since) {
        return builder().modifiedFrom(Objects.requireNonNull(since, "since")).build();
    }

    /**
     * Records modified at or after {@code since}, a Beijing (Asia/Shanghai) wall-clock time.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedSince(Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static WarehouseQuery modifiedSince(LocalDateTime since) {
        return modifiedSince(Objects.requireNonNull(since, "since").atZone(Json.SHANGHAI).toInstant());
    }

    /** Records modified in {@code [from, to)}. */
    public static WarehouseQuery modifiedBetween(Instant from, Instant to) {
        return builder().modifiedFrom(Objects.requireNonNull(from, "from")).modifiedTo(Objects.requireNonNull(to, "to"))
                .build();
    }

    /**
     * Records modified in {@code [from, to)}, Beijing (Asia/Shanghai) wall-clock times.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedBetween(Instant, Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static WarehouseQuery modifiedBetween(LocalDateTime from, LocalDateTime to) {
        return modifiedBetween(Objects.requireNonNull(from, "from").atZone(Json.SHANGHAI).toInstant(),
                Objects.requireNonNull(to, "to").atZone(Json.SHANGHAI).toInstant());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().code(code).name(name).modifiedFrom(modifiedFrom()).modifiedTo(modifiedTo())
                .pageSize(pageSize).maxWindow(maxWindow);
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    /** The inclusive start of the modified range, or null for none. */
    public Instant modifiedFrom() {
        return JackyunDates.instantOrNull(modifiedFrom);
    }

    /** The exclusive end of the modified range, or null for "now". */
    public Instant modifiedTo() {
        return JackyunDates.instantOrNull(modifiedTo);
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

        /** The inclusive start of the modified range, or null; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedFrom(Instant modifiedFrom) {
            this.modifiedFrom = modifiedFrom == null ? null : LocalDateTime.ofInstant(modifiedFrom, Json.SHANGHAI);
            return this;
        }

        /**
         * The range bound as a Beijing (Asia/Shanghai) wall-clock time.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedFrom(Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedFrom(LocalDateTime modifiedFrom) {
            this.modifiedFrom = modifiedFrom;
            return this;
        }

        /** The exclusive end (null means "now") of the modified range; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedTo(Instant modifiedTo) {
            this.modifiedTo = modifiedTo == null ? null : LocalDateTime.ofInstant(modifiedTo, Json.SHANGHAI);
            return this;
        }

        /**
         * The range bound as a Beijing (Asia/Shanghai) wall-clock time.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedTo(Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
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
