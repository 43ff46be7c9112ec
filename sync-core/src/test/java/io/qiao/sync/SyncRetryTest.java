package io.qiao.sync;

import io.qiao.sync.store.CheckpointConflictException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.TransportException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncRetryTest {

    @Test
    void isTransient_followsTheCauseChain_andTheVendorsOwnVerdict() {
        assertThat(SyncRetry.isTransient(new TransportException("op", "reset", true, null))).isTrue();
        assertThat(SyncRetry.isTransient(ApiException.builder().operation("op").httpStatus(503).retryable(true).build()))
                .isTrue();
        assertThat(SyncRetry.isTransient(ApiException.builder().operation("op").throttled(true).build())).isTrue();
        assertThat(SyncRetry.isTransient(ApiException.builder().operation("op").httpStatus(400).build())).isFalse();
        assertThat(SyncRetry.isTransient(new DecodeException("op", "bad json", "", null))).isFalse();
        assertThat(SyncRetry.isTransient(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(SyncRetry.isTransient(new SQLRecoverableException("connection lost"))).isTrue();
        assertThat(SyncRetry.isTransient(new SQLIntegrityConstraintViolationException("dup"))).isFalse();
        assertThat(SyncRetry.isTransient(new RuntimeException("wrapped", new SQLException("x",
                new SQLTransientConnectionException("deadlock"))))).isTrue();
        assertThat(SyncRetry.isTransient(new CheckpointConflictException("j", 1, 2))).isFalse();
        assertThat(SyncRetry.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void isTransient_aLostOrRefusedDatabaseConnection_whateverTheDriversExceptionType() {
        // MariaDB Connector/J 3.5 when the server restarts: non-transient by type, SQLState class 08
        assertThat(SyncRetry.isTransient(new SQLNonTransientConnectionException(
                "Socket fail to connect to 127.0.0.1:3306. Connection refused", "08000"))).isTrue();
        assertThat(SyncRetry.isTransient(new SyncException("cannot write 1000 rows into warehouse",
                new SQLException("Connection reset", "08S01")))).isTrue();
        assertThat(SyncRetry.isTransient(new SQLException("Access denied for user 'qiao'", "28000"))).isFalse();
        assertThat(SyncRetry.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void of_refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> SyncRetry.of(0, Duration.ZERO, Duration.ZERO))
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThat(SyncRetry.defaults().getConfig().getMaxAttempts()).isEqualTo(4);
        assertThat(SyncRetry.none().getConfig().getMaxAttempts()).isEqualTo(1);
    }
}
