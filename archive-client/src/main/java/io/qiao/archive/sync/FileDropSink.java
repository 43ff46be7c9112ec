package io.qiao.archive.sync;

import io.qiao.archive.MetadataValidator;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink of {@link FileDropSource#sink}: validates each claimed set, pushes the valid ones through the idempotent
 * push sink, then moves every set the batch settled: pushed ones to backup, refused ones to error with their reasons.
 * Nothing is moved before the push has answered for the whole batch, so a retried batch finds its sets where it
 * left them.
 */
final class FileDropSink implements Sink<DroppedSet> {
    private final FileDropSource source;
    private final Sink<ArchivePush> push;
    private final MetadataValidator validator;
    /**
     * Sets this sink already moved, by claimed directory: empty reasons for backup. The engine may deliver a batch
     * again after a failure part-way through the moves; those sets answer as before instead of as missing.
     */
    private final Map<String, List<String>> settled = new ConcurrentHashMap<>();

    FileDropSink(FileDropSource source, Sink<ArchivePush> push, MetadataValidator validator) {
        this.source = source;
        this.push = push;
        this.validator = validator;
    }

    @Override
    public WriteResult<DroppedSet> write(List<DroppedSet> batch) {
        List<Rejection<DroppedSet>> rejected = new ArrayList<>();
        Map<ArchivePush, DroppedSet> setOf = new IdentityHashMap<>();
        List<ArchivePush> valid = new ArrayList<>();
        int settledBefore = 0;
        for (DroppedSet set : batch) {
            List<String> earlier = settled.get(set.directory());
            if (earlier != null) {
                if (earlier.isEmpty()) {
                    settledBefore++;
                } else {
                    rejected.add(new Rejection<>(set, Rejection.Stage.VALIDATE, earlier));
                }
                continue;
            }
            if (!Files.isDirectory(Path.of(set.directory()))) { // a replayed dead letter: the set went to error/
                rejected.add(Rejection.of(set, Rejection.Stage.VALIDATE, "the set is no longer in " + set.directory()
                        + "; a rejected set waits in " + source.errorDir() + ": fix it there and drop it into "
                        + source.inboundDir() + " again"));
                continue;
            }
            FileDropSource.Parsed parsed = source.read(set);
            List<String> problems = new ArrayList<>(parsed.problems());
            if (parsed.push() != null) {
                ArchiveSinks.violations(validator, parsed.push()).forEach(v -> problems.add(v.toString()));
            }
            if (problems.isEmpty()) {
                setOf.put(parsed.push(), set);
                valid.add(parsed.push());
            } else {
                rejected.add(new Rejection<>(set, Rejection.Stage.VALIDATE, problems));
            }
        }
        WriteResult<ArchivePush> pushed = valid.isEmpty() ? WriteResult.of(0, 0, 0, List.of()) : push.write(valid);
        Map<ArchivePush, Boolean> refused = new IdentityHashMap<>();
        for (Rejection<ArchivePush> r : pushed.rejected()) {
            refused.put(r.record(), Boolean.TRUE);
            rejected.add(new Rejection<>(setOf.get(r.record()), r.stage(), r.reasons()));
        }
        for (Rejection<DroppedSet> r : rejected) {
            if (!settled.containsKey(r.record().directory()) && Files.isDirectory(Path.of(r.record().directory()))) {
                source.moveToError(r.record(), r.reasons());
                settled.put(r.record().directory(), List.copyOf(r.reasons()));
            }
        }
        for (ArchivePush p : valid) {
            if (!refused.containsKey(p)) {
                DroppedSet set = setOf.get(p);
                source.moveToBackup(set);
                settled.put(set.directory(), List.of());
            }
        }
        return new WriteResult<>(pushed.written() + settledBefore, rejected, pushed.created(), pushed.updated(),
                pushed.alreadyPresent() + settledBefore);
    }

    @Override
    public String toString() {
        return "FileDropSink[" + source + "]";
    }
}
