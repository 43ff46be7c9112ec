package io.qiao.kis.sync;

import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.kis.internal.KisEnvelope;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.Material;
import io.qiao.sync.WriteResult;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.LookupMissException;
import io.qiao.sync.record.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The write path every KIS bill sink shares, whatever the bill type ({@link BillKind}): map each document, reject
 * what cannot succeed as a dead letter, find the bills of the batch KIS already has with one list query, create the
 * rest in parallel, and count.
 *
 * <h2>Why about one call per bill</h2>
 * Looking each bill up before its create costs two calls per new bill, half of a rate-limited budget. Here a batch
 * costs one list query over the days its bills are dated (a page per {@value io.qiao.kis.internal.StockBills#LOOKUP_PAGE_SIZE}
 * bills KIS holds on those days) plus one create per new bill. A bill is looked up on its own only when its create
 * ended without a clear answer (a lost response, a timeout, a 502) or was refused, so a lost answer still never
 * produces a second bill.
 *
 * @param <T> the document type
 * @param <B> the bill type
 */
final class BillSink<T, B> {
    private final BillKind<B> kind;
    private final BiFunction<T, Lookup<String, Material>, B> mapper;
    private final Lookup<String, Material> materials;
    private final int concurrency;
    private final boolean lookupFirst;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong existing = new AtomicLong();
    private final AtomicInteger threadIds = new AtomicInteger();

    BillSink(BillKind<B> kind, BiFunction<T, Lookup<String, Material>, B> mapper, Lookup<String, Material> materials,
             int concurrency, boolean lookupFirst) {
        this.kind = kind;
        this.mapper = mapper;
        this.materials = materials;
        this.concurrency = concurrency;
        this.lookupFirst = lookupFirst;
    }

    WriteResult<T> write(List<T> batch) {
        List<Rejection<T>> rejected = new ArrayList<>();
        Map<String, List<Mapped<T, B>>> byBillNo = new LinkedHashMap<>();
        for (T document : batch) {
            Mapped<T, B> m = map(document, rejected);
            if (m != null) {
                byBillNo.computeIfAbsent(kind.billNo(m.bill), k -> new ArrayList<>()).add(m);
            }
        }
        Outcome<T> total = new Outcome<>();
        Map<String, BillRef> stored = lookupFirst && !byBillNo.isEmpty()
                ? kind.findStored(byBillNo.values().stream().map(g -> g.get(0).bill).toList())
                : Map.of();
        List<List<Mapped<T, B>>> toCreate = new ArrayList<>();
        byBillNo.forEach((no, group) -> {
            if (stored.containsKey(no)) {
                total.present += group.size();
            } else {
                toCreate.add(group);
            }
        });
        existing.addAndGet(total.present);
        Outcome<T> written = createAll(toCreate, rejected);
        return WriteResult.of(written.created, 0, total.present + written.present, rejected);
    }

    long created() {
        return created.get();
    }

    long alreadyPresent() {
        return existing.get();
    }

    private Mapped<T, B> map(T document, List<Rejection<T>> rejected) {
        B bill;
        try {
            bill = mapper.apply(document, materials);
        } catch (LookupMissException e) {
            rejected.add(Rejection.of(document, Rejection.Stage.LOOKUP, e.getMessage()));
            return null;
        } catch (QiaoException e) {
            throw e; // the catalogue could not be read: transient or configuration, not this document's fault
        } catch (RuntimeException e) {
            rejected.add(Rejection.of(document, Rejection.Stage.MAP, "mapping to " + kind.name() + " failed: "
                    + e.getMessage()));
            return null;
        }
        if (bill == null) {
            rejected.add(Rejection.of(document, Rejection.Stage.MAP, "the mapper returned no bill"));
            return null;
        }
        List<String> problems = new ArrayList<>(kind.problems(bill));
        if (!kind.hasBillNo(bill)) {
            problems.add(0, "Head.FBillNo is required: it is the key that keeps the sync from creating a bill twice");
        }
        if (!problems.isEmpty()) {
            rejected.add(new Rejection<>(document, Rejection.Stage.MAP, problems));
            return null;
        }
        return new Mapped<>(document, bill);
    }

    private Outcome<T> createAll(List<List<Mapped<T, B>>> groups, List<Rejection<T>> rejected) {
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
            for (List<Mapped<T, B>> g : groups) {
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
            throw new QiaoException("interrupted while writing " + kind.name() + " to KIS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new QiaoException("writing to KIS failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writes the bill of one FBillNo once: the first document's bill is created (or found after an unclear
     * outcome); the other documents with that number are that same bill, already present.
     */
    private void writeGroup(List<Mapped<T, B>> group, Outcome<T> out) {
        Mapped<T, B> first = group.get(0);
        try {
            BillRef ref = kind.createAbsent(first.bill);
            if (ref.created()) {
                created.incrementAndGet();
                out.created++;
            } else {
                existing.incrementAndGet();
                out.present++;
            }
            existing.addAndGet(group.size() - 1);
            out.present += group.size() - 1;
        } catch (ApiException e) {
            if (isRefusalOfThisBill(e)) {
                for (Mapped<T, B> m : group) {
                    out.rejected.add(Rejection.of(m.document, Rejection.Stage.WRITE, "KIS refused " + kind.name() + " "
                            + kind.billNo(m.bill) + ": " + e.vendorMessage() + " (errcode " + e.vendorCode() + ")"));
                }
            } else {
                out.failures.add(e);
            }
        } catch (RuntimeException e) {
            out.failures.add(e);
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

    private record Mapped<T, B>(T document, B bill) {
    }

    private static final class Outcome<T> {
        int created;
        int present;
        final List<Rejection<T>> rejected = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
    }
}
