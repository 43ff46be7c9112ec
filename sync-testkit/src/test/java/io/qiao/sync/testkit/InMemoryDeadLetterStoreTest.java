package io.qiao.sync.testkit;

import io.qiao.sync.DeadLetterStore;
import io.qiao.sync.InMemoryDeadLetterStore;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new InMemoryDeadLetterStore();
    }
}
