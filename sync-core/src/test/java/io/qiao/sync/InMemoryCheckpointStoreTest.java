package io.qiao.sync;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore newStore() {
        return new InMemoryCheckpointStore();
    }
}
