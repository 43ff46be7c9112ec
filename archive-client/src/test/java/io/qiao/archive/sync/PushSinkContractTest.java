package io.qiao.archive.sync;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.sync.Sink;
import io.qiao.sync.testkit.SinkContract;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink contract (qiao-sync-testkit) on {@link ArchiveSinks#push}, pushing into an archive simulator of its own
 * for every sink the suite makes. Archive records are never changed once stored, so a later version of a record must
 * leave the first one.
 */
class PushSinkContractTest extends SinkContract<ArchivePush> {
    @TempDir
    Path dir;

    private final Map<Sink<ArchivePush>, ArchiveSimulator> simulators = new IdentityHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Override
    protected Sink<ArchivePush> newSink() {
        ArchiveSimulator sim = ArchiveSimulator.builder().build().start();
        opened.add(sim);
        ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).retry(RetryOptions.disabled()).build();
        opened.add(0, client);
        Sink<ArchivePush> sink = ArchiveSinks.push(client, Function.identity());
        simulators.put(sink, sim);
        return sink;
    }

    private ArchivePush push(String archiveNo, String title, String... files) {
        List<ArchiveFile> attached = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(archiveNo + "-" + f);
            try {
                Files.writeString(p, archiveNo + " " + f + " " + title);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            attached.add(ArchiveFile.of(p));
        }
        return new ArchivePush(ArchiveMetadata.builder().archiveNo(archiveNo).title(title).author("办公室")
                .docDate("2024-03-01").retentionPeriod("永久").build(), attached);
    }

    @Override
    protected List<ArchivePush> records() {
        return List.of(push("A-1", "题名 A-1", "正文.pdf", "附件.pdf"), push("A-2", "题名 A-2", "正文.pdf"),
                push("A-3", "题名 A-3"));
    }

    /**
     * Other metadata, the same files. Not other files: a push that finds its record stored adds the files the record
     * lacks (it completes a record an interrupted push left without some), so a version with new files is not one
     * that must leave the stored record as it was. The same docDate: the archive system finds records by date only,
     * and a version with another docDate is refused (409) and then not found, which the sink reports as a failure to
     * retry rather than as this record's refusal.
     */
    @Override
    protected ArchivePush changed(ArchivePush record) {
        ArchiveMetadata m = record.metadata();
        return new ArchivePush(ArchiveMetadata.builder().archiveNo(m.archiveNo()).title("改过的题名").author("另一个部门")
                .docDate(m.docDate()).retentionPeriod("30年").build(), record.files());
    }

    @Override
    protected boolean updatesStoredRecords() {
        return false;
    }

    /** The records stored, by archive number: metadata as sent and the files (name, size, digest) in name order. */
    @Override
    protected Object contentsOf(Sink<ArchivePush> sink) {
        Map<String, List<Object>> records = new TreeMap<>();
        for (SimulatedRecord r : simulators.get(sink).records()) {
            List<String> files = r.files().stream().sorted(Comparator.comparing(SimulatedFile::fileName))
                    .map(f -> f.fileName() + " " + f.size() + " " + f.sha256()).toList();
            records.put(r.archiveNo(), List.of(new TreeMap<>(r.metadata()), files));
        }
        return records;
    }
}
