package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/refund/single/query} (退货退款查询; field rules as ieu/jst-java and flowerfine/carp
 * copy them): a modified range split into 7-day windows, or so_ids, o_ids or as_ids; narrowed by shop, status,
 * goods status, type and buyer accounts (at most 50); page_size at most 50. Immutable; build it with
 * {@link #builder()}.
 *
 * <p><b>[INFER]</b> the caps of 50 so_ids, o_ids and as_ids: the docs as copied state a cap only for
 * shop_buyer_ids (50); 50 is the other query APIs' cap.
 */
public final class RefundQuery {
    public static final int MAX_PAGE_SIZE = 50;
    private static final String API = "/open/refund/single/query";

    private final WallClockWindow range;
    private final List<String> soIds;
    private final List<Long> oIds;
    private final List<Long> asIds;
    private final List<String> shopBuyerIds;
    private final Long shopId;
    private final String status;
    private final String goodStatus;
    private final String type;
    private final int pageSize;

    private RefundQuery(Builder b) {
        this.range = b.range;
        this.soIds = b.soIds;
        this.oIds = b.oIds;
        this.asIds = b.asIds;
        this.shopBuyerIds = b.shopBuyerIds;
        this.shopId = b.shopId;
        this.status = b.status;
        this.goodStatus = b.goodStatus;
        this.type = b.type;
        this.pageSize = b.pageSize;
        if (range == null && soIds.isEmpty() && oIds.isEmpty() && asIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids, o_ids or as_ids");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RefundQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.soIds = soIds;
        b.oIds = oIds;
        b.asIds = asIds;
        b.shopBuyerIds = shopBuyerIds;
        b.shopId = shopId;
        b.status = status;
        b.goodStatus = goodStatus;
        b.type = type;
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

    public List<Long> oIds() {
        return oIds;
    }

    public List<Long> asIds() {
        return asIds;
    }

    public List<String> shopBuyerIds() {
        return shopBuyerIds;
    }

    public Long shopId() {
        return shopId;
    }

    public String status() {
        return status;
    }

    public String goodStatus() {
        return goodStatus;
    }

    public String type() {
        return type;
    }

    public int pageSize() {
        return pageSize;
    }

    public static final class Builder {
        private WallClockWindow range;
        private List<String> soIds = List.of();
        private List<Long> oIds = List.of();
        private List<Long> asIds = List.of();
        private List<String> shopBuyerIds = List.of();
        private Long shopId;
        private String status;
        private String goodStatus;
        private String type;
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        /** After-sales modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds. */
        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /** 线上单号 of the original orders. */
        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 50);
            return this;
        }

        /** 内部单号 of the original orders. */
        public Builder oIds(List<Long> oIds) {
            this.oIds = Checks.ids(API, "o_ids", oIds, 50);
            return this;
        }

        /** 售后单号. */
        public Builder asIds(List<Long> asIds) {
            this.asIds = Checks.ids(API, "as_ids", asIds, 50);
            return this;
        }

        /** 买家账号, at most 50. */
        public Builder shopBuyerIds(List<String> shopBuyerIds) {
            this.shopBuyerIds = Checks.ids(API, "shop_buyer_ids", shopBuyerIds, 50);
            return this;
        }

        public Builder shopId(long shopId) {
            this.shopId = shopId;
            return this;
        }

        /** WaitConfirm, Confirmed, Cancelled, Merged; null for any. */
        public Builder status(String status) {
            this.status = Checks.text(API, "status", status);
            return this;
        }

        /** BUYER_NOT_RECEIVED, BUYER_RECEIVED, BUYER_RETURNED_GOODS, SELLER_RECEIVED; null for any. */
        public Builder goodStatus(String goodStatus) {
            this.goodStatus = Checks.text(API, "good_status", goodStatus);
            return this;
        }

        /** 普通退货, 其它, 拒收退货, 仅退款, 投诉, 补发, 换货, 维修; null for any. */
        public Builder type(String type) {
            this.type = Checks.text(API, "type", type);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public RefundQuery build() {
            return new RefundQuery(this);
        }
    }
}
