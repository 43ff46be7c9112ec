package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/other/inout/query} (VENDORS.md 1.8). A time range of any length may be given:
 * the client splits it into the seven-day windows the vendor accepts. The range is half-open
 * {@code [begin, end)} in whole seconds.
 */
public final class OtherInOutQuery {
    public static final String TYPE_OTHER_RETURN = "其它退货";
    public static final String TYPE_OTHER_OUT = "其它出库";
    public static final String TYPE_OTHER_IN = "其它进仓";
    public static final String STATUS_CONFIRMED = "Confirmed";
    public static final String STATUS_WAIT_CONFIRM = "WaitConfirm";
    public static final String STATUS_OUTER_CONFIRMING = "OuterConfirming";
    public static final String STATUS_CANCELLED = "Cancelled";
    public static final String STATUS_DELETE = "Delete";
    /** The largest page the vendor serves for this API. */
    public static final int MAX_PAGE_SIZE = 50;
    private static final String API = "/open/other/inout/query";

    private final WallClockWindow range;
    private final DateType dateType;
    private final List<String> types;
    private final String status;
    private final List<String> soIds;
    private final List<Long> ioIds;
    private final Long wmsCoId;
    private final int pageSize;
    private final Duration maxWindow;

    /** Which time the range applies to. */
    public enum DateType {
        MODIFIED(0), IO_DATE(2);

        private final int code;

        DateType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private OtherInOutQuery(Builder b) {
        this.range = b.range;
        this.dateType = b.dateType;
        this.types = b.types;
        this.status = b.status;
        this.soIds = b.soIds;
        this.ioIds = b.ioIds;
        this.wmsCoId = b.wmsCoId;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
        if (range == null && soIds.isEmpty() && ioIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids or io_ids (the vendor refuses "
                    + "a query without any of them)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Documents modified in {@code [begin, end)}. */
    public static OtherInOutQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.dateType = dateType;
        b.types = types;
        b.status = status;
        b.soIds = soIds;
        b.ioIds = ioIds;
        b.wmsCoId = wmsCoId;
        b.pageSize = pageSize;
        b.maxWindow = maxWindow;
        return b;
    }

    /** The inclusive start of the time range, or null for a query by ids. */
    public Instant modifiedBegin() {
        return JstPaging.startOrNull(range);
    }

    /** The exclusive end of the time range, or null for a query by ids. */
    public Instant modifiedEnd() {
        return JstPaging.endOrNull(range);
    }

    public DateType dateType() {
        return dateType;
    }

    public int pageSize() {
        return pageSize;
    }

    public Duration maxWindow() {
        return maxWindow;
    }

    public List<String> types() {
        return types;
    }

    /** The status filter, or null for every status. */
    public String status() {
        return status;
    }

    public List<String> soIds() {
        return soIds;
    }

    public List<Long> ioIds() {
        return ioIds;
    }

    /** The warehouse (分仓) filter, or null for every warehouse. */
    public Long wmsCoId() {
        return wmsCoId;
    }

    @Override
    public String toString() {
        return "OtherInOutQuery{range=" + range + ", dateType=" + dateType + ", types=" + types + ", status=" + status
                + ", soIds=" + soIds.size() + ", ioIds=" + ioIds.size() + ", wmsCoId=" + wmsCoId + ", pageSize="
                + pageSize + "}";
    }

    public static final class Builder {
        private WallClockWindow range;
        private DateType dateType = DateType.MODIFIED;
        private List<String> types = List.of();
        private String status;
        private List<String> soIds = List.of();
        private List<Long> ioIds = List.of();
        private Long wmsCoId;
        private int pageSize = MAX_PAGE_SIZE;
        private Duration maxWindow = JstPaging.MAX_WINDOW;

        private Builder() {
        }

        /** Records modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds (begin down, end up). */
        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /**
         * The range as Shanghai wall-clock times, as the vendor shows them.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedBetween(Instant, Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedBetween(LocalDateTime begin, LocalDateTime end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        public Builder dateType(DateType dateType) {
            this.dateType = Objects.requireNonNull(dateType, "dateType");
            return this;
        }

        public Builder types(String... types) {
            this.types = Checks.ids(API, "types", List.of(types), 10);
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 50);
            return this;
        }

        public Builder ioIds(List<Long> ioIds) {
            this.ioIds = Checks.ids(API, "io_ids", ioIds, 50);
            return this;
        }

        public Builder wmsCoId(long wmsCoId) {
            this.wmsCoId = wmsCoId;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /** Shorter windows than the vendor's seven days, e.g. for a sandbox with a tighter cap. */
        public Builder maxWindow(Duration maxWindow) {
            Objects.requireNonNull(maxWindow, "maxWindow");
            if (maxWindow.compareTo(Duration.ofSeconds(1)) < 0 || maxWindow.compareTo(JstPaging.MAX_WINDOW) > 0) {
                throw new IllegalArgumentException(API + ": maxWindow must be between 1 second and 7 days, was " + maxWindow);
            }
            this.maxWindow = maxWindow;
            return this;
        }

        public OtherInOutQuery build() {
            return new OtherInOutQuery(this);
        }
    }
}
