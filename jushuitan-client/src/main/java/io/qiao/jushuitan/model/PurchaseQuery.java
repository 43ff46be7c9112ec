package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/purchase/query} (采购单查询; field rules as ieu/jst-java copies them): a modified range
 * split into 7-day windows, or so_ids (外部单号, the external_id of an upload) or po_ids (采购单号); page_size at
 * most 50. The API has no status filter. Immutable; build it with {@link #builder()}.
 *
 * <p><b>[INFER]</b> the caps of 50 so_ids and 50 po_ids: the docs as copied state none; 50 is the other query APIs'
 * cap. po_ids go out as numbers (flowerfine/carp sends integers; ieu declares strings).
 */
public final class PurchaseQuery {
    public static final int MAX_PAGE_SIZE = 50;
    private static final String API = "/open/purchase/query";

    private final WallClockWindow range;
    private final List<String> soIds;
    private final List<Long> poIds;
    private final int pageSize;

    private PurchaseQuery(Builder b) {
        this.range = b.range;
        this.soIds = b.soIds;
        this.poIds = b.poIds;
        this.pageSize = b.pageSize;
        if (range == null && soIds.isEmpty() && poIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids or po_ids");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PurchaseQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.soIds = soIds;
        b.poIds = poIds;
        b.pageSize = pageSize;
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

    public List<String> soIds() {
        return soIds;
    }

    public List<Long> poIds() {
        return poIds;
    }

    public int pageSize() {
        return pageSize;
    }

    public static final class Builder {
        private WallClockWindow range;
        private List<String> soIds = List.of();
        private List<Long> poIds = List.of();
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        /** Purchase orders modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds. */
        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /** 外部单号 (the external_id the purchase order was uploaded with). */
        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 50);
            return this;
        }

        /** 采购单号. */
        public Builder poIds(List<Long> poIds) {
            this.poIds = Checks.ids(API, "po_ids", poIds, 50);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public PurchaseQuery build() {
            return new PurchaseQuery(this);
        }
    }
}
