package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.record.Rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.RunParts.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncJobAdminTest {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(RunParts.CLOCK);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
    private final SyncJob<Item, Item> job = RunParts.job(sink, checkpoints, deadLetters).build();

    @Test
    void resetCheckpoint_movesTheJobsCheckpoint_andCheckpointReadsItBack() {
        Position p = Position.at(Instant.parse("2024-04-01T00:00:00Z"));

        Checkpoint reset = job.admin().resetCheckpoint(p);

        assertThat(reset.position()).isEqualTo(p);
        assertThat(job.admin().checkpoint()).contains(reset);
        assertThat(checkpoints.load("parts")).contains(reset);
    }

    @Test
    void resetCheckpoint_outsideTheSaneRange_isRefused_namingTheJobAndTheWatermark() {
        assertThatThrownBy(() -> job.admin().resetCheckpoint(Position.at(Instant.parse("9999-01-01T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot reset job 'parts' to watermark 9999-01-01T00:00:00Z");
    }

    @Test
    void replayOpen_writesWhatNowGoesThrough_andResolvesIt_thenPurgeDeletesTheResolved() {
        deadLetters.add("parts", "a", "{\"id\":\"a\",\"qty\":1}", Rejection.Stage.LOOKUP, List.of("no sku"), "w1",
                RunParts.CLOCK.instant());

        ReplayReport replayed = job.admin().replayOpen(10);

        assertThat(replayed.resolved()).hasSize(1);
        assertThat(sink.get("a")).contains(new Item("a", 1));
        assertThat(job.admin().deadLetterSummary(Duration.ofDays(1))).isEmpty();
        assertThat(job.admin().purgeDeadLetters(true)).isEqualTo(1);
        assertThat(deadLetters.list("parts", true, 10)).isEmpty();
    }

    @Test
    void theDeprecatedMethodsOfTheJob_delegateToItsAdmin() {
        @SuppressWarnings("removal")
        Checkpoint reset = job.resetCheckpoint(Position.at(Instant.parse("2024-04-01T00:00:00Z")));

        assertThat(job.admin().checkpoint()).contains(reset);
        assertThat(job.admin()).hasToString("SyncJobAdmin{parts}");
    }
}
