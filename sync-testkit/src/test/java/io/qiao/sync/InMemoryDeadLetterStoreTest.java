package io.qiao.sync;

import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.testkit.DeadLetterStoreContract;

/**
 * The suite on the in-memory store. In package io.qiao.sync (its name before the suites moved to sync-testkit), not the
 * suites' own: a user's test extends a suite from another package, and this shows the suite's package-private tests
 * and set-up still run there.
 */
class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new InMemoryDeadLetterStore();
    }
}
