package io.qiao.sync;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.testkit.CheckpointStoreContract;

/**
 * The suite on the in-memory store. In package io.qiao.sync (its name before the suites moved to sync-testkit), not the
 * suites' own: a user's test extends a suite from another package, and this shows the suite's package-private tests
 * and set-up still run there.
 */
class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore newStore() {
        return new InMemoryCheckpointStore();
    }
}
