package io.qiao.kis.sync;

import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.kis.KisClient;
import io.qiao.kis.internal.KisEnvelope;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.LookupMissException;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes documents into KIS as 其他入库单, idempotently: each document's bill is created through
 * {@link io.qiao.kis.MiscellaneousReceipts#create}, which looks a bill up by FBillNo before it ever repeats a create,
 * and a bill that is already stored counts as written, and as {@link WriteResult#alreadyPresent() already present}
 * (a bill this call stored counts as {@link WriteResult#created() created}; KIS bills are never updated). So the engine may re-deliver a window (overlap, retry,
 * crash) without producing a second bill.
 *
 * <p>By default each bill is looked up by FBillNo (one list call) before it is created, so a re-delivered bill costs
 * one cheap read and no create: KIS is never asked to store a bill it already has, and a re-run shows no refused
 * creates among the API errors. A bill found costs one call instead of a refused create plus a lookup; a new bill
 * costs one call more. {@link Builder#lookupFirst(boolean) lookupFirst(false)} creates first and looks up only when
 * the outcome is unknown or KIS refuses the bill (a duplicate), for loads that are almost never re-delivered.
 * A list filter for several bill numbers at once is not documented for KIS, so the lookup is one query per bill.
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
    private final MiscellaneousReceiptMapper<T> mapper;
    private final Lookup<String, Material> materials;
    private final int concurrency;
    private final boolean lookupFirst;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong existing = new AtomicLong();
    private final AtomicInteger threadIds = new AtomicInteger();

    private MiscellaneousReceiptSink(Builder<T> b) {
        this.client = b.client;
        this.mapper = b.mapper;
        this.materials = b.materials != null ? b.materials : b.client.materials().catalogByNumber()::find;
        this.concurrency = b.concurrency;
        this.lookupFirst = b.lookupFirst;
    }

    public static <T> Builder<T> builder(KisClient client, MiscellaneousReceiptMapper<T> mapper) {
        return new Builder<>(client, mapper);
    }

    @Override
    public WriteResult<T> write(List<T> batch) {
        List<Rejection<T>> rejected = new ArrayList<>();
        Map<String, List<Mapped<T>>> byBillNo = new LinkedHashMap<>();
        for (T document : batch) {
            Mapped<T> m = map(document, rejected);
            if (m != null) {
                byBillNo.computeIfAbsent(m.bill.billNo(), k -> new ArrayList<>()).add(m);
            }
        }
        Outcome<T> total = createAll(new ArrayList<>(byBillNo.values()), rejected);
        return WriteResult.of(total.created, 0, total.present, rejected);
    }

    /** Bills this sink created. */
    public long created() {
        return created.get();
    }

    /** Bills this sink found already stored (an earlier run, a lost answer, a duplicate in the batch). */
    public long alreadyPresent() {
        return existing.get();
    }

    private Mapped<T> map(T document, List<Rejection<T>> rejected) {
        MiscellaneousReceipt bill;
        try {
            bill = mapper.map(document, materials);
        } catch (LookupMissException e) {
            rejected.add(Rejection.of(document, Rejection.Stage.LOOKUP, e.getMessage()));
            return null;
        } catch (QiaoException e) {
            throw e; // the catalogue could not be read: transient or configuration, not this document's fault
        } catch (RuntimeException e) {
            rejected.add(Rejection.of(document, Rejection.Stage.MAP, "mapping to 其他入库单 failed: " + e.getMessage()));
            return null;
        }
        if (bill == null) {
            rejected.add(Rejection.of(document, Rejection.Stage.MAP, "the mapper returned no bill"));
            return null;
        }
        List<String> problems = new ArrayList<>(bill.problems());
        if (!bill.hasBillNo()) {
            problems.add(0, "Head.FBillNo is required: it is the key that keeps the sync from creating a bill twice");
        }
        if (!problems.isEmpty()) {
            rejected.add(new Rejection<>(document, Rejection.Stage.MAP, problems));
            return null;
        }
        return new Mapped<>(document, bill);
    }

    private Outcome<T> createAll(List<List<Mapped<T>>> groups, List<Rejection<T>> rejected) {
        if (groups.isEmpty()) {
            return new Outcome<>();
        }
        int threads = Math.min(concurrency, groups.size());
        if (threads == 1) {
            Outcome<T> all = new Outcome<>();
            groups.forEach(g -> writeGroup(g, all));
            return finish(List.of(all), rejected);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (List<Mapped<T>> g : groups) {
                futures.add(pool.submit(() -> {
                    Outcome<T> o = new Outcome<>();
                    writeGroup(g, o);
                    return o;
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> f : futures) {
                outcomes.add(f.get());
            }
            return finish(outcomes, rejected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QiaoException("interrupted while writing 其他入库单 to KIS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new QiaoException("writing to KIS failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes the documents of one FBillNo in order; collects results, refusals and the first failure. */
    private void writeGroup(List<Mapped<T>> group, Outcome<T> out) {
        for (Mapped<T> m : group) {
            try {
                BillRef ref = lookupFirst ? client.miscellaneousReceipts().createIfAbsent(m.bill)
                        : client.miscellaneousReceipts().create(m.bill);
                if (ref.created()) {
                    created.incrementAndGet();
                    out.created++;
                } else {
                    existing.incrementAndGet();
                    out.present++;
                }
            } catch (ApiException e) {
                if (isRefusalOfThisBill(e)) {
                    out.rejected.add(Rejection.of(m.document, Rejection.Stage.WRITE, "KIS refused 其他入库单 "
                            + m.bill.billNo() + ": " + e.vendorMessage() + " (errcode " + e.vendorCode() + ")"));
                } else {
                    out.fail(e);
                }
            } catch (RuntimeException e) {
                out.fail(e);
            }
        }
    }

    /** A business answer about this bill (not a transient, signature or token problem that affects every bill). */
    private static boolean isRefusalOfThisBill(ApiException e) {
        return e.httpStatus() >= 200 && e.httpStatus() < 300 && !e.isRetryable() && !KisEnvelope.isAuthFailure(e);
    }

    private Outcome<T> finish(List<Outcome<T>> outcomes, List<Rejection<T>> rejected) {
        RuntimeException failure = null;
        Outcome<T> total = new Outcome<>();
        for (Outcome<T> o : outcomes) {
            total.created += o.created;
            total.present += o.present;
            rejected.addAll(o.rejected);
            for (RuntimeException e : o.failures) {
                if (failure == null) failure = e;
                else if (failure != e) failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            // The batch is retried as a whole; bills already written are found by FBillNo, not created again.
            throw failure;
        }
        return total;
    }

    private ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "qiao-kis-sink-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "MiscellaneousReceiptSink{" + client.endpoint() + ", concurrency=" + concurrency + ", lookupFirst=" + lookupFirst + "}";
    }

    private record Mapped<T>(T document, MiscellaneousReceipt bill) {
    }

    private static final class Outcome<T> {
        int created;
        int present;
        final List<Rejection<T>> rejected = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();

        void fail(RuntimeException e) {
            failures.add(e);
        }
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
         * Whether each bill is looked up by FBillNo before it is created; default true, so that re-delivered bills
         * (window overlaps, re-runs, a retried batch) cost one list call and no create. With false a bill is created
         * first and looked up only after an unknown outcome or a refusal. Either way a create is never repeated
         * blindly.
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
