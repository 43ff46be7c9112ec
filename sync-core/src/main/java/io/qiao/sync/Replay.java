package io.qiao.sync;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.record.Rejection;
import dev.failsafe.Failsafe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays dead letters through today's validators, mapper and sink. Batches like a run; a sink failure that
 * outlasts the retries is thrown (nothing is resolved that was not written).
 */
final class Replay<I, O> {
    private final JobDefinition<I, O> job;
    private final RecordProcessor<I, O> processor;
    private final List<String> resolved = new ArrayList<>();
    private final Map<String, List<String>> failedAgain = new LinkedHashMap<>();

    Replay(JobDefinition<I, O> job) {
        this.job = job;
        this.processor = new RecordProcessor<>(job);
    }

    ReplayReport replay(List<DeadLetter> entries) {
        for (int from = 0; from < entries.size(); from += job.batchSize()) {
            replayBatch(entries.subList(from, Math.min(entries.size(), from + job.batchSize())));
        }
        job.deadLetters().flush();
        return new ReplayReport(entries.size(), resolved, failedAgain);
    }

    private void replayBatch(List<DeadLetter> entries) {
        List<O> batch = new ArrayList<>();
        List<DeadLetter> batchEntries = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (DeadLetter entry : entries) {
            I record;
            try {
                record = job.codec().fromJson(entry.payload());
            } catch (RuntimeException e) {
                failedAgain.put(entry.id(), List.of("cannot read the payload back: " + e.getMessage()));
                continue;
            }
            processor.process(record, new RecordProcessor.Output<>() {
                @Override
                public void value(I source, O mapped) {
                    batch.add(mapped);
                    batchEntries.add(entry);
                }

                @Override
                public void rejected(RecordProcessor.Rejected<I> r) {
                    failAgain(entry, r.stage(), r.reasons());
                }

                @Override
                public void skipped(I source) {
                    done.add(entry.id()); // today's mapper does not want it: nothing is left to deliver
                }
            });
        }
        if (!batch.isEmpty()) {
            @SuppressWarnings("unchecked")
            Sink<O> sink = (Sink<O>) job.sink();
            WriteResult<O> result = Failsafe.with(job.retryPolicy()).get(() -> sink.write(batch));
            List<Object> refused = new ArrayList<>();
            for (Rejection<O> r : result.rejected()) {
                int i = indexOf(batch, r.record());
                if (i >= 0) {
                    refused.add(batch.get(i));
                    failAgain(batchEntries.get(i), r.stage(), r.reasons());
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                if (!containsIdentity(refused, batch.get(i))) {
                    done.add(batchEntries.get(i).id());
                }
            }
        }
        if (!done.isEmpty()) {
            job.deadLetters().resolve(job.name(), done, job.clock().instant());
            resolved.addAll(done);
        }
    }

    private void failAgain(DeadLetter entry, Rejection.Stage stage, List<String> reasons) {
        failedAgain.put(entry.id(), List.copyOf(reasons));
        if (entry.key() != null) {
            // same job and key: the store updates this entry (reasons, last seen, attempts + 1)
            job.deadLetters().add(job.name(), entry.key(), entry.payload(), stage, reasons, entry.window(),
                    job.clock().instant());
        }
    }

    private static int indexOf(List<?> batch, Object record) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == record) {
                return i;
            }
        }
        return batch.indexOf(record);
    }

    private static boolean containsIdentity(List<Object> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }
}
