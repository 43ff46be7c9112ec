package io.qiao.sync.jdbc;

import io.qiao.sync.CheckpointStore;
import io.qiao.sync.CheckpointStoreContract;
import io.qiao.sync.DeadLetterStore;
import io.qiao.sync.DeadLetterStoreContract;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * Every JDBC contract (sink, source, checkpoints with leases, leased sync jobs, backfill slices, and the
 * checkpoint and dead-letter store contracts all stores pass), run against the database a subclass names.
 */
abstract class JdbcContracts {

    protected abstract TestDatabase database();

    @Nested
    class UpsertSink extends JdbcUpsertSinkContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class Source extends JdbcSourceContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class CheckpointsAndLeases extends JdbcCheckpointStoreContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class LeasedJobs extends LeasedSyncJobContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class MidWindowCheckpoints extends MidWindowCheckpointContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class Backfill extends JdbcBackfillContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    /** The contract every checkpoint store passes (in memory, file, JDBC). */
    @Nested
    class Checkpoints extends CheckpointStoreContract {
        private final DataSource ds = JdbcContracts.this.database().dataSource();
        private final List<String> tables = new ArrayList<>();

        @Override
        protected CheckpointStore newStore() {
            String table = TestDatabase.uniqueName("qj_cp");
            tables.add(table);
            JdbcCheckpointStore store = JdbcCheckpointStore.builder(ds).table(table).build();
            store.createTablesIfMissing();
            return store;
        }

        @Override
        protected CheckpointStore reopen(CheckpointStore store) {
            return JdbcCheckpointStore.builder(ds).table(((JdbcCheckpointStore) store).table()).build();
        }

        @AfterEach
        void dropTables() {
            tables.forEach(t -> TestDatabase.execute(ds, "DROP TABLE " + t));
        }
    }

    /** The contract every dead-letter store passes (in memory, JSON Lines, JDBC). */
    @Nested
    class DeadLetters extends DeadLetterStoreContract {
        private final DataSource ds = JdbcContracts.this.database().dataSource();
        private final List<String> tables = new ArrayList<>();

        @Override
        protected DeadLetterStore newStore() {
            String table = TestDatabase.uniqueName("qj_dl");
            tables.add(table);
            JdbcDeadLetterStore store = JdbcDeadLetterStore.builder(ds).table(table).build();
            store.createTablesIfMissing();
            return store;
        }

        @Override
        protected DeadLetterStore reopen(DeadLetterStore store) {
            return JdbcDeadLetterStore.builder(ds).table(((JdbcDeadLetterStore) store).table()).build();
        }

        @AfterEach
        void dropTables() {
            tables.forEach(t -> TestDatabase.execute(ds, "DROP TABLE " + t));
        }
    }
}
