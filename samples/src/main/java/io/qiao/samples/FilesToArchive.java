package io.qiao.samples;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.sync.DroppedSet;
import io.qiao.archive.sync.FileDropSource;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import java.time.Clock;

/**
 * {@code qiao sync files-to-archive}: the document sets dropped into the archive integration's {@code [paths]
 * inbound_dir} pushed into the 文书档案 archive system, as the guide's file exchange did (seeds/000), through
 * {@link FileDropSource}: pushed sets end in {@code backup/<yyyy-MM-dd>/}, rejected ones in {@code error/} with
 * their {@code <name>.reason.txt} and a dead letter. A crash at any point is finished by the next run: no set is
 * pushed twice or lost.
 */
public final class FilesToArchive {
    public static final String NAME = "files-to-archive";

    private FilesToArchive() {
    }

    public static SyncJob<DroppedSet, DroppedSet> job(FileDropSource drops, ArchiveClient archive,
                                                      CheckpointStore checkpoints, DeadLetterStore deadLetters,
                                                      Clock clock, SyncListener... listeners) {
        SyncJob.Builder<DroppedSet, DroppedSet> b = SyncJob.builder(NAME)
                .source(drops)
                .sink(drops.sink(archive))
                .keyOf(DroppedSet::name)
                .recordType(DroppedSet.class)
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .batchSize(20)
                .clock(clock);
        for (SyncListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }
}
