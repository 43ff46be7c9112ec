package io.qiao.sync.testkit;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.FileCheckpointStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint store contract on {@link FileCheckpointStore}; a reopen is a new instance on the same directory. */
class FileCheckpointStoreContractTest extends CheckpointStoreContract {
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
}
