package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.MetadataValidator;
import io.qiao.archive.internal.Operations;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.sync.ArchivePush;
import io.qiao.archive.sync.ArchiveSinks;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import io.qiao.testkit.archive.SimulatedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be uploaded (a directory, an unreadable file, also when the build runs as root, a file that
 * vanishes while its record is being pushed, a symlink out of the inbound directory) end as dead letters that say
 * why, through {@link ArchiveSinks} in a real {@link SyncJob} against the archive simulator; the good records of
 * the batch still arrive.
 */
class FileUploadDeadLetterTest {
    private static final String JOB = "db-documents-to-archive";

    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    @TempDir
    Path dir;

    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    /** A business row: its 档号 and the paths of its attachments. */
    record Doc(String archiveNo, List<Path> files) {
    }

    @Test
    void aDirectory_becomesADeadLetterSayingSo() throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path folder = Files.createDirectories(inbound.resolve("扫描件"));

        SyncReport report = run(client(JdkHttpTransport.create()), List.of(doc("OK-1", inbound), new Doc("DIR-1",
                List.of(folder))));

        assertThat(report.written()).isEqualTo(1);
        assertThat(reasonsOf("DIR-1")).singleElement().asString().contains(folder.toString()).contains("directory");
        assertThat(archivedNumbers()).containsExactly("OK-1");
    }

    /**
     * Root reads any file, so as root the scenario runs in a child JVM that is still root but has lost the two
     * capabilities that let root ignore file permissions (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
     * from its bounding set): there a file of mode 000 is unreadable, as it is to any other user.
     */
    @Test
    void anUnreadableFile_becomesADeadLetterSayingSo() throws Exception {
        List<String> outcome;
        if (!"root".equals(System.getProperty("user.name"))) {
            outcome = unreadableFileScenario(dir, archive.simulator());
        } else {
            assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux), to run without root's file access")
                    .isExecutable();
            outcome = unreadableFileScenarioWithoutRootsFileAccess(dir);
        }

        assertThat(outcome).first().as("records written").isEqualTo("1");
        assertThat(outcome.subList(1, outcome.size())).as("dead-letter reasons of LOCK-1").singleElement().asString()
                .contains("locked.pdf").contains("readable");
    }

    /** @return the number of records written, then the dead-letter reasons of the unreadable file's record */
    static List<String> unreadableFileScenario(Path dir, ArchiveSimulator sim) throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path locked = Files.writeString(inbound.resolve("locked.pdf"), "secret scan");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

        SyncReport report = run(client(sim, JdkHttpTransport.create()), deadLetters,
                List.of(doc("OK-1", inbound), new Doc("LOCK-1", List.of(locked))));

        List<String> outcome = new ArrayList<>();
        outcome.add(String.valueOf(report.written()));
        outcome.addAll(reasonsOf(deadLetters, "LOCK-1"));
        return outcome;
    }

    private static List<String> unreadableFileScenarioWithoutRootsFileAccess(Path dir) throws Exception {
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UnreadableFileChild.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not finish within 120 s:\n" + Files.readString(out));
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("child exit; it printed:%n%s", printed).isZero();
        return printed.lines().filter(l -> l.startsWith(UnreadableFileChild.PREFIX))
                .map(l -> l.substring(UnreadableFileChild.PREFIX.length())).toList();
    }

    /** The unreadable-file scenario in a JVM of its own, with its own archive simulator; prints the outcome. */
    static final class UnreadableFileChild {
        static final String PREFIX = "outcome: ";

        public static void main(String[] args) throws IOException {
            try (ArchiveSimulator sim = ArchiveSimulator.builder().build().start()) {
                for (String line : unreadableFileScenario(Path.of(args[0]), sim)) {
                    System.out.println(PREFIX + line);
                }
            }
        }
    }

    @Test
    void aDanglingSymlink_becomesADeadLetterSayingItIsNoFile() throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path link = Files.createSymbolicLink(inbound.resolve("gone.pdf"), dir.resolve("nowhere.pdf"));

        SyncReport report = run(client(JdkHttpTransport.create()), List.of(new Doc("LINK-1", List.of(link))));

        assertThat(report.written()).isZero();
        assertThat(reasonsOf("LINK-1")).singleElement().asString().contains("gone.pdf")
                .containsAnyOf("does not exist", "is not a regular file");
    }

    @Test
    void aFileThatVanishesWhileItsRecordIsPushed_becomesADeadLetter_andTheRunMovesOn() throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path vanishing = Files.writeString(inbound.resolve("vanishing.pdf"), "scan");
        AtomicBoolean deleted = new AtomicBoolean();
        HttpTransport jdk = JdkHttpTransport.create();
        // the record has passed validation and been created; just before its file is sent, the file disappears
        HttpTransport deleteOnUpload = request -> {
            if (Operations.UPLOAD.equals(request.operation()) && deleted.compareAndSet(false, true)) {
                try {
                    Files.delete(vanishing);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return jdk.send(request);
        };

        SyncReport report = run(client(deleteOnUpload), List.of(new Doc("GONE-1", List.of(vanishing)),
                doc("OK-2", inbound)));

        assertThat(deleted).isTrue();
        assertThat(report.failed()).as("report %s", report).isFalse();
        assertThat(reasonsOf("GONE-1")).isNotEmpty().allSatisfy(r -> assertThat(r).contains("vanishing.pdf"));
        assertThat(archive.simulator().files()).noneMatch(f -> f.fileName().equals("vanishing.pdf"));
        assertThat(archivedNumbers()).contains("OK-2");
    }

    @Test
    void aSymlinkOutOfTheInboundDirectory_becomesADeadLetter() throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path outside = Files.writeString(dir.resolve("outside-secret.txt"), "not for the archive");
        Path link = Files.createSymbolicLink(inbound.resolve("innocent.pdf"), outside);

        ArchiveSimulator sim = archive.simulator();
        ArchiveClient confined = ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).retry(RetryOptions.disabled())
                .validator(MetadataValidator.builder().inboundDirectory(inbound).build()).build();

        SyncReport report = run(confined, List.of(new Doc("ESC-1", List.of(link)), doc("IN-2", inbound)));

        assertThat(report.written()).isEqualTo(1);
        assertThat(reasonsOf("ESC-1")).singleElement().asString().contains("outside the inbound directory");
        assertThat(archivedNumbers()).containsExactly("IN-2");
    }

    private static Doc doc(String no, Path inbound) throws IOException {
        return new Doc(no, List.of(Files.writeString(inbound.resolve(no + ".pdf"), "scan of " + no)));
    }

    private ArchiveClient client(HttpTransport transport) {
        return client(archive.simulator(), transport);
    }

    private static ArchiveClient client(ArchiveSimulator sim, HttpTransport transport) {
        return ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey()).appSecret(Secret.of(sim.appSecret()))
                .transport(transport).retry(RetryOptions.disabled()).build();
    }

    private SyncReport run(ArchiveClient client, List<Doc> docs) {
        return run(client, deadLetters, docs);
    }

    private static SyncReport run(ArchiveClient client, InMemoryDeadLetterStore deadLetters, List<Doc> docs) {
        return SyncJob.builder(JOB)
                .source(ListSource.of(docs))
                .sink(ArchiveSinks.push(client, (Doc d) -> new ArchivePush(ArchiveMetadata.builder()
                        .archiveNo(d.archiveNo()).title("题名 " + d.archiveNo()).author("办公室").docDate("2024-03-01")
                        .retentionPeriod("永久").build(), d.files().stream().map(ArchiveFile::of).toList())))
                .keyOf(Doc::archiveNo)
                .recordType(Doc.class)
                .checkpoints(new InMemoryCheckpointStore())
                .deadLetters(deadLetters)
                .retry(SyncRetry.of(3, Duration.ZERO, Duration.ZERO))
                .build()
                .runOnce();
    }

    private List<String> reasonsOf(String key) {
        return reasonsOf(deadLetters, key);
    }

    private static List<String> reasonsOf(InMemoryDeadLetterStore deadLetters, String key) {
        return deadLetters.list(JOB, false, 100).stream().filter(d -> key.equals(d.key()))
                .flatMap(d -> d.reasons().stream()).toList();
    }

    private List<String> archivedNumbers() {
        return archive.simulator().records().stream().map(SimulatedRecord::archiveNo).toList();
    }

}
