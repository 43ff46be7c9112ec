package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.Material;
import io.qiao.sync.Sink;
import io.qiao.sync.WriteResult;
import io.qiao.sync.record.Lookup;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes documents into KIS as one kind of stock bill (其他出库单, 采购入库单, 销售出库单; made by {@link KisSinks}),
 * idempotently and at about one API call per bill, exactly as {@link MiscellaneousReceiptSink} writes 其他入库单:
 * the stored bills of a batch are found with one list query over the days the batch spans, the rest created (a bill
 * already stored counts as {@link WriteResult#alreadyPresent() already present}), and a bill is looked up on its own
 * only after a create without a clear answer or a refusal, so a lost answer never makes a second bill. Documents
 * that cannot succeed become dead letters (LOOKUP, MAP, WRITE); transient and configuration failures fail the batch.
 *
 * @param <T> the document type
 * @param <B> the bill type
 */
public final class StockBillSink<T, B> implements Sink<T> {
    private final String name;
    private final KisClient client;
    private final int concurrency;
    private final boolean lookupFirst;
    private final BillSink<T, B> sink;

    private StockBillSink(Builder<T, B> b) {
        this.name = b.kind.name();
        this.client = b.client;
        this.concurrency = b.concurrency;
        this.lookupFirst = b.lookupFirst;
        Lookup<String, Material> materials = b.materials != null ? b.materials : b.client.materials().catalogByNumber()::find;
        this.sink = new BillSink<>(b.kind, b.mapper::map, materials, b.concurrency, b.lookupFirst);
    }

    static <T, B> Builder<T, B> builder(KisClient client, Function<KisClient, BillKind<B>> kind,
                                        StockBillMapper<T, B> mapper) {
        return new Builder<>(client, kind.apply(Objects.requireNonNull(client, "client")), mapper);
    }

    @Override
    public WriteResult<T> write(List<T> batch) {
        return sink.write(batch);
    }

    /** Bills this sink created. */
    public long created() {
        return sink.created();
    }

    /** Bills this sink found already stored (an earlier run, a lost answer, a duplicate in the batch). */
    public long alreadyPresent() {
        return sink.alreadyPresent();
    }

    @Override
    public String toString() {
        return "StockBillSink{" + name + ", " + client.endpoint() + ", concurrency=" + concurrency + ", lookupFirst="
                + lookupFirst + "}";
    }

    /** The settings of {@link MiscellaneousReceiptSink.Builder}, for any stock bill. */
    public static final class Builder<T, B> {
        private final KisClient client;
        private final BillKind<B> kind;
        private final StockBillMapper<T, B> mapper;
        private Lookup<String, Material> materials;
        private int concurrency = 4;
        private boolean lookupFirst = true;

        private Builder(KisClient client, BillKind<B> kind, StockBillMapper<T, B> mapper) {
            this.client = client;
            this.kind = kind;
            this.mapper = Objects.requireNonNull(mapper, "mapper");
        }

        /** How items are resolved; default the client's catalogue by FNumber ({@code catalogByNumber()::find}). */
        public Builder<T, B> materials(Lookup<String, Material> materials) {
            this.materials = Objects.requireNonNull(materials, "materials");
            return this;
        }

        /** Resolve items by another field of the material rows (e.g. a custom field holding the sku id). */
        public Builder<T, B> materialsByField(String field) {
            return materials(client.materials().catalog(field)::find);
        }

        /** How many bills are created at once; default 4, in 1..64. The client's rate limit applies on top. */
        public Builder<T, B> concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be in 1..64, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Whether the stored bills of each batch are found (one list query) before any is created; default true.
         * With false every bill is created first and looked up only after an unclear outcome or a refusal.
         */
        public Builder<T, B> lookupFirst(boolean lookupFirst) {
            this.lookupFirst = lookupFirst;
            return this;
        }

        public StockBillSink<T, B> build() {
            return new StockBillSink<>(this);
        }
    }
}
