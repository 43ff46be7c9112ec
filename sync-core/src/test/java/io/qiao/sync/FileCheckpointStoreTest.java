package io.qiao.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    @Override
    protected CheckpointStore newStore() {
        return FileCheckpointStore.in(dir);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return FileCheckpointStore.in(dir);
    }

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
}
