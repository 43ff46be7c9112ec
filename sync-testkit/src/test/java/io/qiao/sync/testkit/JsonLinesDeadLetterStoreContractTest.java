package io.qiao.sync.testkit;

import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter store contract on {@link JsonLinesDeadLetterStore}; a reopen closes the store (it holds the
 * directory's lock) and opens a new one on the same directory.
 */
class JsonLinesDeadLetterStoreContractTest extends DeadLetterStoreContract {
    @TempDir
    Path dir;

    @Override
    protected DeadLetterStore newStore() {
        return JsonLinesDeadLetterStore.in(dir);
    }

    @Override
    protected DeadLetterStore reopen(DeadLetterStore store) {
        ((JsonLinesDeadLetterStore) store).close();
        return JsonLinesDeadLetterStore.in(dir);
    }

    @AfterEach
    void close() {
        ((JsonLinesDeadLetterStore) store).close();
    }
}
