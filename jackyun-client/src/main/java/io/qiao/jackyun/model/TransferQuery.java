package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Filters for {@code erp.allocate.get} (调拨单). The only time filter public callers send is the creation time
 * ({@code startCreateTime}/{@code endCreateTime}): no modified-time filter of this method was found, so a transfer
 * whose status changes later is only seen again by re-reading its creation window. The range is half-open, given as
 * instants, sent in Beijing wall time, split into windows of at most {@link #DEFAULT_MAX_WINDOW}.
 */
public final class TransferQuery {
    /** [INFER] The common Jackyun maximum (VENDORS.md 2.5); callers found use 5 to 50. */
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** [INFER] No limit documented; the Go caller reads seven days at a time by default. */
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(7);

    /** {@code status} 草稿. [INFER: from the comments of one caller, bi-dashboard's sync-allocate] */
    public static final int STATUS_DRAFT = 0;
    /** {@code status} 待审核. [INFER: as above] */
    public static final int STATUS_PENDING_AUDIT = 1;
    /** {@code status} 已审核. [INFER: as above] */
    public static final int STATUS_AUDITED = 2;
    /** {@code status} 已关闭. [INFER: as above] */
    public static final int STATUS_CLOSED = 3;
    /** {@code status} 审核中. [INFER: as above] */
    public static final int STATUS_IN_AUDIT = 10;
    /** {@code status} 已完成. [INFER: as above] */
    public static final int STATUS_COMPLETED = 20;

    private final LocalDateTime createdFrom;
    private final LocalDateTime createdTo;
    private final List<String> allocateNos;
    private final Integer status;
    private final Integer outStatus;
    private final Integer inStatus;
    private final String outWarehouseCode;
    private final String inWarehouseCode;
    private final int pageSize;
    private final Duration maxWindow;

    private TransferQuery(Builder b) {
        if (b.createdTo != null && b.createdFrom == null) {
            throw new IllegalArgumentException("createdTo " + b.createdTo + " needs a createdFrom as well");
        }
        if (b.createdFrom != null && b.createdTo != null && b.createdTo.isBefore(b.createdFrom)) {
            throw new IllegalArgumentException("createdTo " + b.createdTo + " is before createdFrom " + b.createdFrom);
        }
        this.createdFrom = b.createdFrom;
        this.createdTo = b.createdTo;
        this.allocateNos = b.allocateNos;
        this.status = b.status;
        this.outStatus = b.outStatus;
        this.inStatus = b.inStatus;
        this.outWarehouseCode = b.outWarehouseCode;
        this.inWarehouseCode = b.inWarehouseCode;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    /** Transfers created in {@code [from, to)}. */
    public static TransferQuery createdBetween(Instant from, Instant to) {
        return builder().createdFrom(Objects.requireNonNull(from, "from")).createdTo(Objects.requireNonNull(to, "to"))
                .build();
    }

    /** Transfers created at or after {@code since}. */
    public static TransferQuery createdSince(Instant since) {
        return builder().createdFrom(Objects.requireNonNull(since, "since")).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().createdFrom(createdFrom()).createdTo(createdTo()).allocateNos(allocateNos).status(status)
                .outStatus(outStatus).inStatus(inStatus).outWarehouseCode(outWarehouseCode)
                .inWarehouseCode(inWarehouseCode).pageSize(pageSize).maxWindow(maxWindow);
    }

    /** The inclusive start of the creation range, or null for none. */
    public Instant createdFrom() {
        return JackyunDates.instantOrNull(createdFrom);
    }

    /** The exclusive end of the creation range, or null for "now". */
    public Instant createdTo() {
        return JackyunDates.instantOrNull(createdTo);
    }

    /** {@code allocateNos}, empty for no filter. */
    public List<String> allocateNos() {
        return allocateNos;
    }

    public Integer status() {
        return status;
    }

    public Integer outStatus() {
        return outStatus;
    }

    public Integer inStatus() {
        return inStatus;
    }

    public String outWarehouseCode() {
        return outWarehouseCode;
    }

    public String inWarehouseCode() {
        return inWarehouseCode;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The longest creation range sent in one query, or null for no limit. */
    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "TransferQuery{created=[" + createdFrom + ", " + createdTo + "), allocateNos=" + allocateNos
                + ", status=" + status + ", outStatus=" + outStatus + ", inStatus=" + inStatus + ", outWarehouseCode="
                + outWarehouseCode + ", inWarehouseCode=" + inWarehouseCode + ", pageSize=" + pageSize
                + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private LocalDateTime createdFrom;
        private LocalDateTime createdTo;
        private List<String> allocateNos = List.of();
        private Integer status;
        private Integer outStatus;
        private Integer inStatus;
        private String outWarehouseCode;
        private String inWarehouseCode;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow = DEFAULT_MAX_WINDOW;

        private Builder() {
        }

        /** The inclusive start of the creation range, or null; sent as Beijing time (Asia/Shanghai). */
        public Builder createdFrom(Instant createdFrom) {
            this.createdFrom = createdFrom == null ? null : LocalDateTime.ofInstant(createdFrom, Json.SHANGHAI);
            return this;
        }

        /** The exclusive end (null means "now") of the creation range; sent as Beijing time (Asia/Shanghai). */
        public Builder createdTo(Instant createdTo) {
            this.createdTo = createdTo == null ? null : LocalDateTime.ofInstant(createdTo, Json.SHANGHAI);
            return this;
        }

        /**
         * 调拨单号; one is sent as {@code allocateNos} as the skill project does, several comma-separated [INFER: the
         * plural name suggests a list; its separator is not documented].
         */
        public Builder allocateNos(List<String> allocateNos) {
            Objects.requireNonNull(allocateNos, "allocateNos");
            for (String no : allocateNos) {
                if (no == null || no.isBlank() || no.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("allocateNos must hold non-blank numbers without commas, got '"
                            + no + "'");
                }
            }
            this.allocateNos = List.copyOf(allocateNos);
            return this;
        }

        public Builder status(Integer status) {
            this.status = status;
            return this;
        }

        public Builder outStatus(Integer outStatus) {
            this.outStatus = outStatus;
            return this;
        }

        public Builder inStatus(Integer inStatus) {
            this.inStatus = inStatus;
            return this;
        }

        /** 调出仓库编号. */
        public Builder outWarehouseCode(String outWarehouseCode) {
            this.outWarehouseCode = outWarehouseCode;
            return this;
        }

        /** 调入仓库编号 (sent as {@code inWarehouseCode}). */
        public Builder inWarehouseCode(String inWarehouseCode) {
            this.inWarehouseCode = inWarehouseCode;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = JackyunPaging.checkPageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /** Splits a longer creation range into windows of at most this length (null: no splitting). */
        public Builder maxWindow(Duration maxWindow) {
            this.maxWindow = JackyunPaging.checkWindow(maxWindow);
            return this;
        }

        public TransferQuery build() {
            return new TransferQuery(this);
        }
    }
}
