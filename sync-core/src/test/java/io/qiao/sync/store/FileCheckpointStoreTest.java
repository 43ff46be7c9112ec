package io.qiao.sync.store;

import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the file store does (its files, corruption, a vanished directory); the behaviour every checkpoint store
 * shares is checked by sync-testkit's {@code CheckpointStoreContract}, run against this store in that module.
 */
class FileCheckpointStoreTest {
    private static final Instant T1 = Instant.parse("2024-05-01T08:00:00.123Z");
    private static final Instant T2 = Instant.parse("2024-05-02T09:30:00.456Z");

    @TempDir
    Path dir;

    @Test
    void file_isReadableJson_andNoTemporaryFilesRemain() throws Exception {
        FileCheckpointStore s = FileCheckpointStore.in(dir);
        s.compareAndSet("jst/其他出入库", 0, new Position(T1, "c1"));

        Path file = s.fileOf("jst/其他出入库");
        assertThat(file.getFileName().toString()).isEqualTo("jst%2F%E5%85%B6%E4%BB%96%E5%87%BA%E5%85%A5%E5%BA%93.checkpoint.json");
        String json = Files.readString(file);
        assertThat(json).contains("\"watermark\" : \"2024-05-01T08:00:00.123Z\"").contains("\"version\" : 1")
                .contains("\"cursor\" : \"c1\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void corruptFile_isAnErrorNamingTheFile_neverASilentReset() throws Exception {
        FileCheckpointStore s = FileCheckpointStore.in(dir);
        s.compareAndSet("orders", 0, Position.at(T1));
        Files.writeString(s.fileOf("orders"), "{\"job\":\"orders\",\"waterm", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> s.load("orders"))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining(s.fileOf("orders").toString())
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> s.compareAndSet("orders", 1, Position.at(T2)))
                .hasMessageContaining("corrupt");
    }

    @Test
    void fileOfAnotherJob_isRefused() throws Exception {
        FileCheckpointStore s = FileCheckpointStore.in(dir);
        s.compareAndSet("a", 0, Position.at(T1));
        Files.copy(s.fileOf("a"), s.fileOf("b"));

        assertThatThrownBy(() -> s.load("b")).hasMessageContaining("belongs to job 'a'");
    }

    @Test
    void corruptFile_saysOneThing_andSetAsideIfCorrupt_keepsItSoThatANewCheckpointCanBeSet() throws Exception {
        FileCheckpointStore s = FileCheckpointStore.in(dir);
        s.compareAndSet("orders", 0, Position.at(T1));
        s.compareAndSet("orders", 1, Position.at(T2));
        Files.writeString(s.fileOf("orders"), "{\"job\":\"orders\",\"waterm", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> s.load("orders")).hasMessageContaining("fails until it is restored or replaced")
                .hasMessageNotContaining("starts from the beginning");
        assertThat(s.setAsideIfCorrupt("orders")).contains(dir.resolve(s.fileOf("orders").getFileName() + ".corrupt"));
        assertThat(Files.readString(dir.resolve(s.fileOf("orders").getFileName() + ".corrupt")))
                .isEqualTo("{\"job\":\"orders\",\"waterm");
        assertThat(s.load("orders")).isEmpty();
        assertThat(s.compareAndSet("orders", 0, Position.at(T1)).position()).isEqualTo(Position.at(T1));
        assertThat(s.setAsideIfCorrupt("orders")).as("a readable file stays").isEmpty();
        assertThat(s.load("orders")).isPresent();
    }

    @Test
    void loadingFromADirectoryThatDoesNotExist_createsNothing_andTheFirstCommitCreatesIt() {
        Path missing = dir.resolve("state/checkpoints");
        FileCheckpointStore s = FileCheckpointStore.in(missing);
        assertThat(s.load("orders")).isEmpty();
        assertThat(missing).doesNotExist();
        s.compareAndSet("orders", 0, Position.at(T1));
        assertThat(s.load("orders")).isPresent();
    }

    @Test
    void aFullDiskOrADeniedPermission_isOneSentenceNamingTheOperationAndTheFile() throws Exception {
        Path file = dir.resolve("x.checkpoint.json");
        assertThat(io.qiao.sync.internal.Files2.failure("write", file,
                new java.nio.file.FileSystemException(file + ".tmp-1", null, "No space left on device")))
                .isEqualTo("cannot write " + file + ": no space left on device");
        assertThat(io.qiao.sync.internal.Files2.failure("write", file,
                new java.nio.file.AccessDeniedException(file.toString())))
                .isEqualTo("cannot write " + file + ": permission denied");
        Path full = Path.of("/dev/full");
        if (Files.isWritable(full)) { // Linux: every write fails as on a full disk
            try (var ch = java.nio.channels.FileChannel.open(full, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                ch.force(true);
            } catch (java.io.IOException e) {
                assertThat(io.qiao.sync.internal.Files2.failure("write", file, e)).endsWith(": no space left on device");
            }
        }
    }

    @Test
    void checkpointFileDeletedUnderARun_isAConflictSayingTheFileIsGone_notAnotherRunner() throws Exception {
        FileCheckpointStore s = FileCheckpointStore.in(dir.resolve("state/checkpoints"));
        s.compareAndSet("orders", 0, Position.at(T1));
        Files.delete(s.fileOf("orders"));

        assertThatThrownBy(() -> s.compareAndSet("orders", 1, Position.at(T2)))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("is gone (this run had committed version 1)")
                .hasMessageNotContaining("another runner");
    }
}
