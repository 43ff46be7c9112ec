package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.sync.Sink;
import io.qiao.sync.WriteResult;
import io.qiao.sync.record.Lookup;
import java.util.List;
import java.util.Objects;

/**
 * Writes documents into KIS as 其他入库单, idempotently: each document's bill is created through
 * {@link io.qiao.kis.MiscellaneousReceipts#create}, which looks a bill up by FBillNo before it ever repeats a create,
 * and a bill that is already stored counts as written, and as {@link WriteResult#alreadyPresent() already present}
 * (a bill this call stored counts as {@link WriteResult#created() created}; KIS bills are never updated). So the engine may re-deliver a window (overlap, retry,
 * crash) without producing a second bill.
 *
 * <p>By default the bills of a batch that KIS already stores are found before anything is created, with one list
 * query per batch over the Fdate days the batch spans ({@link io.qiao.kis.MiscellaneousReceipts#findStored}); the
 * rest are created, and a bill is looked up on its own only after a create without a clear answer or a refusal. So
 * a clean run costs about one call per bill (one create, plus a list page per batch), a re-delivered batch one list
 * query and no create, and KIS is never asked to store a bill it already has (a re-run shows no refused creates
 * among the API errors). KIS documents no filter for several bill numbers at once, which is why the batch query
 * is by date; a page holds 100 bills, so days that hold many more bills than the batch cost more pages (never more
 * than one per bill: past that the rest are looked up one by one).
 * {@link Builder#lookupFirst(boolean) lookupFirst(false)} creates first and looks up only when the outcome is
 * unknown or KIS refuses the bill (a duplicate), for loads that are almost never re-delivered.
 *
 * <p>Per record, what cannot succeed becomes a dead letter instead of failing the batch: a sku the lookup does not
 * know (LOOKUP, the reason names the sku), a mapper error or an invalid bill (MAP, every bad field named), a bill KIS
 * refuses on its merits (WRITE, with KIS's description). Failures that another attempt may cure (timeouts, KIS busy,
 * gateway errors) and configuration errors (signatures) fail the batch, so the engine retries the window and the
 * checkpoint does not move.
 *
 * <p>Bills of a batch are written in parallel, up to {@link Builder#concurrency(int)} at a time; the client's rate
 * limit still paces every request. Documents that map to the same FBillNo are written one after the other.
 *
 * @param <T> the document type
 */
public final class MiscellaneousReceiptSink<T> implements Sink<T> {
    private final KisClient client;
    private final int concurrency;
    private final boolean lookupFirst;
    private final BillSink<T, MiscellaneousReceipt> sink;

    private MiscellaneousReceiptSink(Builder<T> b) {
        this.client = b.client;
        this.concurrency = b.concurrency;
        this.lookupFirst = b.lookupFirst;
        Lookup<String, Material> materials = b.materials != null ? b.materials : b.client.materials().catalogByNumber()::find;
        this.sink = new BillSink<>(BillKinds.miscellaneousReceipts(b.client), b.mapper::map, materials, b.concurrency,
                b.lookupFirst);
    }

    public static <T> Builder<T> builder(KisClient client, MiscellaneousReceiptMapper<T> mapper) {
        return new Builder<>(client, mapper);
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
        return "MiscellaneousReceiptSink{" + client.endpoint() + ", concurrency=" + concurrency + ", lookupFirst=" + lookupFirst + "}";
    }

    public static final class Builder<T> {
        private final KisClient client;
        private final MiscellaneousReceiptMapper<T> mapper;
        private Lookup<String, Material> materials;
        private int concurrency = 4;
        private boolean lookupFirst = true;

        private Builder(KisClient client, MiscellaneousReceiptMapper<T> mapper) {
            this.client = Objects.requireNonNull(client, "client");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
        }

        /** How items are resolved; default the client's catalogue by FNumber ({@code catalogByNumber()::find}). */
        public Builder<T> materials(Lookup<String, Material> materials) {
            this.materials = Objects.requireNonNull(materials, "materials");
            return this;
        }

        /** Resolve items by another field of the material rows (e.g. a custom field holding the sku id). */
        public Builder<T> materialsByField(String field) {
            return materials(client.materials().catalog(field)::find);
        }

        /** How many bills are written at once; default 4. The client's rate limit applies on top. */
        public Builder<T> concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be in 1..64, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Whether the stored bills of each batch are found (one list query per batch, over its Fdate days) before
         * any is created; default true, so that re-delivered bills (window overlaps, re-runs, a retried batch) cost
         * no create and a new bill about one call. With false every bill is created first and looked up only after
         * an unknown outcome or a refusal. Either way a create is never repeated blindly.
         */
        public Builder<T> lookupFirst(boolean lookupFirst) {
            this.lookupFirst = lookupFirst;
            return this;
        }

        public MiscellaneousReceiptSink<T> build() {
            return new MiscellaneousReceiptSink<>(this);
        }
    }
}
