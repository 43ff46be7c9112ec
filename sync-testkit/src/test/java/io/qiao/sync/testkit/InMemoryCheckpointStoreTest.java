package io.qiao.sync.testkit;

import io.qiao.sync.CheckpointStore;
import io.qiao.sync.InMemoryCheckpointStore;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore newStore() {
        return new InMemoryCheckpointStore();
    }
}
