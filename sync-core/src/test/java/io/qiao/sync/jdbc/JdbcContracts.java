package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every JDBC contract (sink, source, checkpoints with leases, leased sync jobs, backfill slices), run against the
 * database a subclass names. The published suites every store, source and sink passes (qiao-sync-testkit) run
 * against the JDBC implementations in sync-testkit's own tests: sync-core's tests cannot depend on that module.
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
    class UpsertSinkWriter extends BisectingWriterContract {
        @Override
        protected TestDatabase database() {
            return JdbcContracts.this.database();
        }
    }

    @Nested
    class UpsertSinkRunner extends UpsertRunnerContract {
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

    /** Qiao's own tables under names a user may choose, and reads every driver must take as they are. */
    @Nested
    class OwnTables {
        private final DataSource ds = JdbcContracts.this.database().dataSource();
        private final List<String> tables = new ArrayList<>();

        @AfterEach
        void dropTables() {
            tables.forEach(t -> TestDatabase.execute(ds, "DROP TABLE IF EXISTS " + t));
        }

        @Test
        void deadLetterList_withIntegerMaxValueAsTheLimit_returnsEveryEntry_whateverTheDriver() {
            // MySQL Connector/J refuses setMaxRows(Integer.MAX_VALUE): "qiao status" failed on every jdbc:mysql: URL.
            JdbcDeadLetterStore store = JdbcDeadLetterStore.builder(ds).table(table("qj_dl")).build();
            store.createTablesIfMissing();
            for (int i = 0; i < 3; i++) {
                store.add("job", "k" + i, "{}", Rejection.Stage.VALIDATE, List.of("bad"), "w", Instant.EPOCH);
            }

            assertThat(store.list("job", false, Integer.MAX_VALUE)).hasSize(3);
            assertThat(store.list("job", true, Integer.MAX_VALUE)).hasSize(3);
            assertThat(store.list("job", false, 2)).hasSize(2);
        }

        @Test
        void createTablesIfMissing_withTheLongestAllowedTableName_keepsIndexNamesWithinTheDatabasesLimit() {
            String name = table("qj_dl");
            String longest = name + "x".repeat(SqlNames.MAX_LENGTH - name.length());
            tables.add(longest);
            JdbcDeadLetterStore store = JdbcDeadLetterStore.builder(ds).table(longest).build();

            store.createTablesIfMissing();
            store.createTablesIfMissing(); // IF NOT EXISTS finds the same, shortened index names again
            store.add("job", "k", "{}", Rejection.Stage.VALIDATE, List.of("bad"), "w", Instant.EPOCH);

            assertThat(store.list("job", false, 10)).hasSize(1);
        }

        @Test
        void createTablesIfMissing_withATableNamedLikeAReservedWord_createsTheTableTheStoreUses() {
            tables.add(JdbcContracts.this.database() == TestDatabase.H2 ? "\"GROUP\""
                    : JdbcContracts.this.database() == TestDatabase.POSTGRESQL ? "\"group\"" : "`group`");
            JdbcCheckpointStore store = JdbcCheckpointStore.builder(ds).table("group").build();
            TestDatabase.execute(ds, "DROP TABLE IF EXISTS " + tables.get(0));

            store.createTablesIfMissing();
            store.compareAndSet("job", 0, Position.at(Instant.EPOCH));

            assertThat(store.load("job")).isPresent();
        }

        private String table(String prefix) {
            String t = TestDatabase.uniqueName(prefix);
            tables.add(t);
            return t;
        }
    }
}
