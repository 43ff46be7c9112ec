package io.qiao.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.TransportException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunRetryTest {
    private final RunParts.Heard heard = new RunParts.Heard();

    private RunRetry retry(int attempts) {
        return new RunRetry("parts", SyncRetry.policy(RunParts.noWait(attempts)), new RunEvents(List.of(heard)));
    }

    @Test
    void retries_areCounted_andAnnouncedWithTheStepItsSubjectAndTheNextAttempt() {
        RunRetry retry = retry(3);
        List<Integer> attempts = new ArrayList<>();

        String result = retry.get(RunStep.READ_WINDOW, "w1", attempt -> {
            attempts.add(attempt);
            if (attempt < 3) {
                throw new TransportException("page 1", "connection reset", true, null);
            }
            return "read";
        });

        assertThat(result).isEqualTo("read");
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(retry.retried()).isEqualTo(2);
        assertThat(heard.events()).containsExactly("retrying read window w1 #2", "retrying read window w1 #3");
    }

    @Test
    void aFailureThatIsNotTransient_isNotRetried_andComesBackAsThrown() {
        RunRetry retry = retry(3);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(RunStep.WRITE_BATCH, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(retry.retried()).isZero();
    }

    @Test
    void aCheckedFailure_comesBackAsASyncExceptionNamingTheStep() {
        RunRetry retry = retry(2);

        assertThatThrownBy(() -> retry.run(RunStep.COMMIT_CHECKPOINT, () -> {
            throw new SQLException("Connection refused", "08001");
        })).isInstanceOf(SyncException.class)
                .hasMessage("commit checkpoint failed: SQLException: Connection refused")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(retry.retried()).isEqualTo(1);
    }
}
