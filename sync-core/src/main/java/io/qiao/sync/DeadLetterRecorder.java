package io.qiao.sync;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.record.RecordCodec;
import io.qiao.sync.record.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a run's dead letters, and resolves the ones whose record the run delivers.
 *
 * <ul>
 *   <li>De-duplication: within one window, a record with a key is stored once per stage, even when a retried
 *       read of the window delivers it again ({@link #startWindow()} forgets what the last window stored).</li>
 *   <li>Resolving: with a key function, the job's open dead letters (the oldest
 *       {@value #OPEN_DEAD_LETTERS_TRACKED}) are loaded when the run starts; when one's record is later written
 *       and not refused by the sink (fixed at the source, or the reference data caught up), its entry is
 *       resolved, so that open dead letters are the ones still needing attention.</li>
 * </ul>
 * Writer thread only.
 */
final class DeadLetterRecorder<I, O> {
    /** How many open dead letters a run loads to resolve; older ones stay open until replayed. */
    static final int OPEN_DEAD_LETTERS_TRACKED = 10_000;

    private final JobDefinition<I, O> job;
    private final RecordProcessor<I, O> processor;
    private final RunRetry retry;
    private final RunTally tally;
    private final RunEvents events;
    /** Open dead letters of this job: key to entry id. */
    private final Map<String, String> open = new HashMap<>();
    /** Stage and key of the dead letters stored for the window being written. */
    private final Set<String> storedInWindow = new HashSet<>();

    DeadLetterRecorder(JobDefinition<I, O> job, RecordProcessor<I, O> processor, RunRetry retry, RunTally tally,
                       RunEvents events) {
        this.job = job;
        this.processor = processor;
        this.retry = retry;
        this.tally = tally;
        this.events = events;
    }

    /** Loads the job's open dead letters, so that delivering their records resolves them; none without keys. */
    void loadOpen() {
        if (job.keyOf() == null) {
            return;
        }
        List<DeadLetter> entries = retry.get(RunStep.LIST_OPEN_DEAD_LETTERS,
                attempt -> job.deadLetters().list(job.name(), false, OPEN_DEAD_LETTERS_TRACKED));
        for (DeadLetter d : entries) {
            if (d.key() != null) {
                open.put(d.key(), d.id());
            }
        }
    }

    /** A new window begins: what the previous one stored no longer counts as a duplicate. */
    void startWindow() {
        storedInWindow.clear();
    }

    /** Stores the chunk's records that validation or mapping rejected. */
    void rejected(Chunk<I, O> chunk) {
        for (RecordProcessor.Rejected<I> r : chunk.rejected) {
            add(processor.keyOf(r.record()), processor.payloadOf(r.record()), r.stage(), r.reasons(),
                    chunk.window.describe());
        }
    }

    /**
     * Stores a record the sink refused, with the payload and key of the source record it came from; a record
     * the sink reports that is not in the chunk is stored as the sink saw it, without a key.
     */
    void refusedBySink(Chunk<I, O> chunk, Rejection<?> r) {
        I source = chunk.sourceOf(r.record());
        String payload = source != null ? processor.payloadOf(source) : RecordCodec.writeOnly().toJson(r.record());
        String key = source != null ? processor.keyOf(source) : null;
        add(key, payload, r.stage(), r.reasons(), chunk.window.describe());
    }

    /** Resolves the open dead letters whose records the chunk delivered: written, and not refused by the sink. */
    void resolveDelivered(Chunk<I, O> chunk, WriteResult<?> result) {
        if (open.isEmpty()) {
            return;
        }
        Set<Object> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        result.rejected().forEach(r -> refused.add(r.record()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunk.records.size(); i++) {
            if (refused.contains(chunk.records.get(i))) {
                continue;
            }
            String key = processor.keyOf(chunk.sources.get(i));
            String id = key == null ? null : open.remove(key);
            if (id != null) {
                ids.add(id);
            }
        }
        if (!ids.isEmpty()) {
            retry.run(RunStep.RESOLVE_DEAD_LETTERS, () -> job.deadLetters().resolve(job.name(), ids, job.clock().instant()));
        }
    }

    /** Makes the stored dead letters durable (retried), before a checkpoint that covers them commits. */
    void flush() {
        retry.run(RunStep.FLUSH_DEAD_LETTERS, () -> job.deadLetters().flush());
    }

    /**
     * Makes the stored dead letters durable, once: inside a sink's transaction (the whole write and commit is
     * retried instead), and after it.
     */
    void flushOnce() {
        job.deadLetters().flush();
    }

    private void add(String key, String payload, Rejection.Stage stage, List<String> reasons, String window) {
        if (key != null && !storedInWindow.add(stage + "\u0000" + key)) {
            return; // the same record of this window, re-read after a retry: already stored in this run
        }
        DeadLetter d = retry.get(RunStep.STORE_DEAD_LETTER, attempt ->
                job.deadLetters().add(job.name(), key, payload, stage, reasons, window, job.clock().instant()));
        tally.deadLettered();
        events.emit(l -> l.deadLettered(job.name(), d));
    }
}
