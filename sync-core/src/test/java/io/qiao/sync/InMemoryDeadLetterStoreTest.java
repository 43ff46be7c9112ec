package io.qiao.sync;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new InMemoryDeadLetterStore();
    }
}
