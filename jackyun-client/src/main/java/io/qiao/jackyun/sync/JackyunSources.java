package io.qiao.jackyun.sync;

import io.qiao.client.Json;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.StockDocumentTypes;
import io.qiao.jackyun.StockDocuments;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.SkuQuery;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.TransferQuery;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.TimeWindowSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Incremental sync sources over the 吉客云 open platform, for {@code io.qiao.sync.SyncJob}: time-window
 * sources on {@code gmtModified}, so each run reads what changed since the committed watermark (minus an
 * overlap), and the watermark moves only after the sink has the records.
 *
 * <pre>{@code
 * SyncJob.builder("jackyun-warehouses")
 *     .source(JackyunSources.warehouses(jackyun))
 *     .keyOf(JackyunSources::keyOf)
 *     ...
 * }</pre>
 *
 * Jackyun's modification times are Beijing wall time; the sources convert the engine's instants with
 * Asia/Shanghai. The vendor's own window caps are enforced twice: by the source's window size and by the
 * client's paging, which splits any longer range.
 *
 * <p>Transfers are the exception to "modified since": {@code erp.allocate.get} filters by creation time only (see
 * {@link #transfersBuilder}).
 *
 * <p>A limit of the vendor's paging, not of this code: warehouses and stock documents are paged by
 * {@code pageIndex}, so if a record of a window is modified while the window is being walked, it leaves the
 * window and the records behind it move up one place; one of them can then fall between two pages. The moved
 * record itself comes back in a later window, the one that slipped does not. Smaller windows (fewer pages per
 * window) make this rarer; a periodic full refresh ({@code maxWindow} over all history) repairs it.
 */
public final class JackyunSources {
    /** Where a warehouse job without a checkpoint starts: early enough to load every warehouse once. */
    public static final Instant ALL_HISTORY = LocalDateTime.of(2000, 1, 1, 0, 0).atZone(Json.SHANGHAI).toInstant();

    private JackyunSources() {
    }

    /** Warehouses changed since the checkpoint, with the defaults of {@link #warehousesBuilder}. */
    public static TimeWindowSource<Warehouse> warehouses(JackyunClient client) {
        return warehousesBuilder(client).build();
    }

    /**
     * Defaults: the first run reads all history from {@link #ALL_HISTORY} (warehouses are master data, a
     * reconciliation table needs every one of them), windows of 365 days (erp.warehouse.get has no documented
     * window cap, so a backfill takes few requests), 2 minutes of overlap, 30 seconds of settle delay, every
     * warehouse, 200 per page.
     */
    public static Builder<Warehouse, WarehouseQuery> warehousesBuilder(JackyunClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder<Warehouse, WarehouseQuery>(WarehouseQuery.builder().pageSize(200).build(),
                (query, window) -> client.warehouses().list(query.toBuilder()
                        .modifiedFrom(window.start()).modifiedTo(window.end()).build()),
                w -> new Version(w.warehouseId(), w.gmtModified()))
                .maxWindow(Duration.ofDays(365))
                .initialWatermark(ALL_HISTORY);
    }

    /** Inbound or outbound stock documents changed since the checkpoint, with the defaults of the builder. */
    public static TimeWindowSource<StockDocument> stockDocuments(JackyunClient client,
                                                                 StockDocuments.Direction direction) {
        return stockDocumentsBuilder(client, direction).build();
    }

    /**
     * Defaults: windows of 7 days (the cap the client assumes for these methods), 2 minutes of overlap, 30
     * seconds of settle delay, a first run starting 24 hours back (as the old scripts did), every field.
     */
    public static Builder<StockDocument, StockDocumentQuery> stockDocumentsBuilder(JackyunClient client,
                                                                                  StockDocuments.Direction direction) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(direction, "direction");
        StockDocumentQuery template = StockDocumentQuery.builder().build();
        return new Builder<StockDocument, StockDocumentQuery>(template,
                (query, window) -> client.stockDocuments().list(direction, query.toBuilder()
                        .modifiedFrom(window.start()).modifiedTo(window.end()).build()),
                d -> new Version(d.goodsdocNo(), d.gmtModified()))
                .maxWindow(template.maxWindow());
    }

    /**
     * 采购入库 (inbound documents of type {@link StockDocumentTypes#PURCHASE_IN}) changed since the checkpoint, with the
     * defaults of {@link #stockDocumentsBuilder}: the same windows and requests as the inbound source, the type kept by
     * the client.
     */
    public static TimeWindowSource<StockDocument> purchaseReceipts(JackyunClient client) {
        return purchaseReceiptsBuilder(client).build();
    }

    /** As {@link #stockDocumentsBuilder} for the inbound direction, its query keeping 采购入库 only. */
    public static Builder<StockDocument, StockDocumentQuery> purchaseReceiptsBuilder(JackyunClient client) {
        return stockDocumentsBuilder(client, StockDocuments.Direction.INBOUND).query(StockDocumentQuery.builder()
                .inouttypes(List.of(StockDocumentTypes.PURCHASE_IN)).build());
    }

    /** SKUs (货品) changed since the checkpoint, with the defaults of {@link #skusBuilder}. */
    public static TimeWindowSource<Sku> skus(JackyunClient client) {
        return skusBuilder(client).build();
    }

    /**
     * Defaults: the first run reads all history from {@link #ALL_HISTORY} (goods are master data), by SKU modification
     * time ({@code skuGmtModified}, which every SKU edit moves), in windows of 30 days (a window length answered live,
     * {@link SkuQuery#DEFAULT_MAX_WINDOW}), 2 minutes of overlap, 30 seconds of settle delay, 200 per page. A SKU
     * counts as changed when its {@code skuGmtModified} does.
     */
    public static Builder<Sku, SkuQuery> skusBuilder(JackyunClient client) {
        Objects.requireNonNull(client, "client");
        SkuQuery template = SkuQuery.builder().build();
        return new Builder<Sku, SkuQuery>(template,
                (query, window) -> client.skus().list(query.toBuilder()
                        .modifiedFrom(window.start()).modifiedTo(window.end()).build()),
                s -> new Version(s.skuId(), s.skuGmtModified()))
                .maxWindow(template.maxWindow())
                .initialWatermark(ALL_HISTORY);
    }

    /** Transfers (调拨单) created since the checkpoint, with the defaults of {@link #transfersBuilder}. */
    public static TimeWindowSource<Transfer> transfers(JackyunClient client) {
        return transfersBuilder(client).build();
    }

    /**
     * Windowed by <em>creation</em> time, the only time filter of {@code erp.allocate.get} that public callers send:
     * a transfer is read when it is created and again whenever its creation time falls in a later run's overlap, so a
     * status change (audit, shipping, receiving) is seen only while the transfer is younger than the overlap. Hence
     * the defaults: an overlap of 3 days (widen it for transfers that take longer to complete, or run a periodic
     * re-read), windows of 7 days ({@link TransferQuery#DEFAULT_MAX_WINDOW}), 30 seconds of settle delay, a first run
     * starting 24 hours back, 50 per page. A transfer counts as changed when its {@code gmtModified} does.
     */
    public static Builder<Transfer, TransferQuery> transfersBuilder(JackyunClient client) {
        Objects.requireNonNull(client, "client");
        TransferQuery template = TransferQuery.builder().build();
        return new Builder<Transfer, TransferQuery>(template,
                (query, window) -> client.transfers().list(query.toBuilder()
                        .createdFrom(window.start()).createdTo(window.end()).build()),
                t -> new Version(t.allocateNo(), t.gmtModified()))
                .maxWindow(template.maxWindow())
                .overlap(Duration.ofDays(3));
    }

    /** For {@code SyncJob.Builder.keyOf}: the warehouse id, as dead letters and replays name it. */
    public static String keyOf(Warehouse warehouse) {
        return Long.toString(warehouse.warehouseId());
    }

    /** For {@code SyncJob.Builder.keyOf}: the document number. */
    public static String keyOf(StockDocument document) {
        return document.goodsdocNo();
    }

    /** For {@code SyncJob.Builder.keyOf}: the SKU id (a goods has several SKUs, each its own record). */
    public static String keyOf(Sku sku) {
        return Long.toString(sku.skuId());
    }

    /** For {@code SyncJob.Builder.keyOf}: the transfer number. */
    public static String keyOf(Transfer transfer) {
        return transfer.allocateNo();
    }

    /**
     * A record's identity and modification time, the key that tells a record delivered twice (overlapping windows,
     * pages shifting while read) from a later change of it. A record rather than text: a window of 200,000
     * warehouses hashes 200,000 of them, and building strings for that cost the reader ~5% of its time.
     */
    private record Version(Object id, LocalDateTime modified) {
    }

    static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, Json.SHANGHAI);
    }

    /** Reads one window with a query derived from the template. */
    @FunctionalInterface
    interface WindowReader<T, Q> {
        Iterable<T> read(Q template, TimeWindow window);
    }

    /**
     * Options of a Jackyun time-window source.
     *
     * @param <T> the record type
     * @param <Q> the query type whose filters and page size every window uses
     */
    public static final class Builder<T, Q> {
        private Q query;
        private final WindowReader<T, Q> reader;
        private final Function<? super T, ?> distinctKey;
        private Duration maxWindow;
        private Duration overlap = Duration.ofMinutes(2);
        private Duration settleDelay = Duration.ofSeconds(30);
        private Duration initialLookback = Duration.ofHours(24);
        private Instant initialWatermark;

        private Builder(Q query, WindowReader<T, Q> reader, Function<? super T, ?> distinctKey) {
            this.query = query;
            this.reader = reader;
            this.distinctKey = distinctKey;
        }

        /**
         * Filters, page size and per-query window cap for every window; its own modified range is replaced by
         * each window's.
         */
        public Builder<T, Q> query(Q query) {
            this.query = Objects.requireNonNull(query, "query");
            return this;
        }

        /** How much one window (one unit of checkpoint progress) covers. */
        public Builder<T, Q> maxWindow(Duration maxWindow) {
            Objects.requireNonNull(maxWindow, "maxWindow");
            if (maxWindow.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("maxWindow must be at least one second, was " + maxWindow);
            }
            this.maxWindow = maxWindow;
            return this;
        }

        /** How far before the watermark each run starts reading again, for late-written modification times. */
        public Builder<T, Q> overlap(Duration overlap) {
            this.overlap = Objects.requireNonNull(overlap, "overlap");
            return this;
        }

        /** How far behind "now" reading stops, away from records still being written. */
        public Builder<T, Q> settleDelay(Duration settleDelay) {
            this.settleDelay = Objects.requireNonNull(settleDelay, "settleDelay");
            return this;
        }

        /** Without a checkpoint, start this long before now (ignored when an initial watermark is set). */
        public Builder<T, Q> initialLookback(Duration initialLookback) {
            this.initialLookback = Objects.requireNonNull(initialLookback, "initialLookback");
            this.initialWatermark = null;
            return this;
        }

        /** Without a checkpoint, start here. */
        public Builder<T, Q> initialWatermark(Instant initialWatermark) {
            this.initialWatermark = Objects.requireNonNull(initialWatermark, "initialWatermark");
            return this;
        }

        /**
         * @throws IllegalStateException when the overlap is not shorter than the window: each window starts
         *                               {@code overlap} before the watermark, so it would end at or before it and the
         *                               source would never move forward
         */
        public TimeWindowSource<T> build() {
            if (maxWindow != null && overlap.compareTo(maxWindow) >= 0) {
                throw new IllegalStateException("overlap " + overlap + " must be shorter than maxWindow " + maxWindow
                        + ": each window starts overlap before the watermark, so the source would never move forward");
            }
            Q q = query;
            TimeWindowSource.Builder<T> b = TimeWindowSource.<T>builder(window -> reader.read(q, window))
                    .maxWindow(maxWindow)
                    .overlap(overlap)
                    .settleDelay(settleDelay)
                    .initialLookback(initialLookback)
                    .distinctBy(distinctKey);
            if (initialWatermark != null) {
                b.initialWatermark(initialWatermark);
            }
            return b.build();
        }
    }
}
