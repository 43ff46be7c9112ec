package io.qiao.jushuitan.sync;

import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OrderOutQuery;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.Purchase;
import io.qiao.jushuitan.model.PurchaseQuery;
import io.qiao.jushuitan.model.Refund;
import io.qiao.jushuitan.model.RefundQuery;
import io.qiao.jushuitan.model.Sku;
import io.qiao.jushuitan.model.SkuQuery;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.TimeWindowSource;
import io.qiao.sync.internal.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Sync sources over the 聚水潭 open platform, for {@code io.qiao.sync.SyncJob}. */
public final class JushuitanSources {
    private JushuitanSources() {
    }

    /**
     * Other in/out documents modified since the job's checkpoint, with the defaults of
     * {@link #otherInOutBuilder(JushuitanClient)}.
     */
    public static OtherInOutSource otherInOut(JushuitanClient client, OtherInOutFilter filter) {
        return otherInOutBuilder(client).filter(filter).build();
    }

    /**
     * Defaults: windows of up to 7 days (the vendor's cap, and the fewest requests for a sparse backfill;
     * choose shorter ones for finer checkpoints), 2 minutes of overlap, 30 seconds of settle delay, and a first
     * run that starts 24 hours back.
     */
    public static OtherInOutBuilder otherInOutBuilder(JushuitanClient client) {
        return new OtherInOutBuilder(client);
    }

    /** Options of {@link #otherInOut}. */
    public static final class OtherInOutBuilder {
        private final JushuitanClient client;
        private OtherInOutFilter filter = OtherInOutFilter.all();
        private Duration maxWindow = Duration.ofDays(7);
        private Duration overlap = Duration.ofMinutes(2);
        private Duration settleDelay = Duration.ofSeconds(30);
        private Duration initialLookback = Duration.ofHours(24);
        private Instant initialWatermark;

        private OtherInOutBuilder(JushuitanClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public OtherInOutBuilder filter(OtherInOutFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** At most 7 days: the vendor refuses longer query ranges. */
        public OtherInOutBuilder maxWindow(Duration maxWindow) {
            Objects.requireNonNull(maxWindow, "maxWindow");
            if (maxWindow.compareTo(Duration.ofSeconds(1)) < 0 || maxWindow.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("maxWindow must be between 1 second and 7 days (the vendor's cap), was "
                        + maxWindow);
            }
            this.maxWindow = maxWindow;
            return this;
        }

        // Checked as TimeWindowSource checks its own: a sign check alone let Duration.ofDays(99999999999999L) through
        // to overflow in the middle of a run, and a negative one read windows backwards.
        public OtherInOutBuilder overlap(Duration overlap) {
            this.overlap = Limits.nonNegative(overlap, "overlap");
            return this;
        }

        public OtherInOutBuilder settleDelay(Duration settleDelay) {
            this.settleDelay = Limits.nonNegative(settleDelay, "settleDelay");
            return this;
        }

        public OtherInOutBuilder initialLookback(Duration initialLookback) {
            this.initialLookback = Limits.nonNegative(initialLookback, "initialLookback");
            return this;
        }

        public OtherInOutBuilder initialWatermark(Instant initialWatermark) {
            this.initialWatermark = Limits.instant(initialWatermark, "initialWatermark");
            return this;
        }

        public OtherInOutSource build() {
            return new OtherInOutSource(client, filter, maxWindow, overlap, settleDelay, initialLookback,
                    initialWatermark);
        }
    }

    /**
     * 销售出库 documents modified since the job's checkpoint, as a {@link TimeWindowSource} builder with the
     * defaults of {@link #otherInOutBuilder}: windows of 7 days (the vendor's cap), 2 minutes of overlap, 30 seconds
     * of settle delay, a first run 24 hours back, each {@code io_id} once per window.
     *
     * @param filters applied to each window's query (e.g. {@code b -> b.status("Confirmed")}); the range is set
     *                per window
     */
    public static TimeWindowSource.Builder<OrderOut> orderOutsBuilder(JushuitanClient client,
                                                                      UnaryOperator<OrderOutQuery.Builder> filters) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(filters, "filters");
        return TimeWindowSource.<OrderOut>builder(window -> client.orderOuts().list(filters.apply(
                        OrderOutQuery.builder()).modifiedBetween(window.start(), window.end()).build()))
                .maxWindow(Duration.ofDays(7))
                .overlap(Duration.ofMinutes(2))
                .settleDelay(Duration.ofSeconds(30))
                .initialLookback(Duration.ofHours(24))
                .distinctBy(OrderOut::ioId);
    }

    /**
     * 商品资料 (SKUs) modified since the job's checkpoint, as a {@link TimeWindowSource} builder with the defaults of
     * {@link #orderOutsBuilder}; each {@code sku_id} once per window.
     *
     * @param filters applied to each window's query (e.g. {@code b -> b.iIds(List.of("STYLE-1"))}); the range is set
     *                per window
     */
    public static TimeWindowSource.Builder<Sku> skusBuilder(JushuitanClient client,
                                                            UnaryOperator<SkuQuery.Builder> filters) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(filters, "filters");
        return windowed(window -> client.skus().list(filters.apply(SkuQuery.builder())
                .modifiedBetween(window.start(), window.end()).build()), Sku::skuId);
    }

    /**
     * 采购单 (purchase orders) modified since the job's checkpoint, as a {@link TimeWindowSource} builder with the
     * defaults of {@link #orderOutsBuilder}; each {@code po_id} once per window.
     */
    public static TimeWindowSource.Builder<Purchase> purchasesBuilder(JushuitanClient client,
                                                                      UnaryOperator<PurchaseQuery.Builder> filters) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(filters, "filters");
        return windowed(window -> client.purchases().list(filters.apply(PurchaseQuery.builder())
                .modifiedBetween(window.start(), window.end()).build()), Purchase::poId);
    }

    /**
     * 售后单 (after-sales) modified since the job's checkpoint, as a {@link TimeWindowSource} builder with the
     * defaults of {@link #orderOutsBuilder}; each {@code as_id} once per window.
     *
     * @param filters applied to each window's query (e.g. {@code b -> b.status("Confirmed")})
     */
    public static TimeWindowSource.Builder<Refund> refundsBuilder(JushuitanClient client,
                                                                  UnaryOperator<RefundQuery.Builder> filters) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(filters, "filters");
        return windowed(window -> client.refunds().list(filters.apply(RefundQuery.builder())
                .modifiedBetween(window.start(), window.end()).build()), Refund::asId);
    }

    /** The defaults every 聚水潭 windowed source shares (see {@link #orderOutsBuilder}). */
    private static <T> TimeWindowSource.Builder<T> windowed(Function<TimeWindow, ? extends Iterable<T>> read,
                                                            Function<? super T, ?> id) {
        return TimeWindowSource.<T>builder(read)
                .maxWindow(Duration.ofDays(7))
                .overlap(Duration.ofMinutes(2))
                .settleDelay(Duration.ofSeconds(30))
                .initialLookback(Duration.ofHours(24))
                .distinctBy(id);
    }

    /** For {@code SyncJob.Builder.keyOf}: the document id, as dead letters and replays name it. */
    public static String keyOf(OtherInOut doc) {
        return Long.toString(doc.ioId());
    }
}
