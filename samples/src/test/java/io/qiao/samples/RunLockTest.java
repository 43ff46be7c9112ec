package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void heldLock_refusesASecondHolder_andNamesTheFirst_untilReleased() throws Exception {
        Path file = dir.resolve("locks/p.lock");
        assertThat(RunLock.holder(file)).isEmpty();

        try (RunLock first = RunLock.tryAcquire(file, "pid 1, every 5m").orElseThrow()) {
            assertThat(RunLock.tryAcquire(file, "pid 2")).isEmpty();
            assertThat(RunLock.holder(file)).contains("pid 1, every 5m");
        }

        assertThat(RunLock.holder(file)).as("a released (or crashed) holder is not alive").isEmpty();
        try (RunLock second = RunLock.tryAcquire(file, "pid 2").orElseThrow()) {
            assertThat(RunLock.holder(file)).contains("pid 2");
        }
    }

    @Test
    void lockFileDeletedUnderARun_isTakenAgainByTheRun_soASecondRunIsStillRefused() throws Exception {
        Path file = dir.resolve("locks/p.lock");
        try (RunLock run = RunLock.tryAcquire(file, "pid 1, every 5m").orElseThrow()) {
            java.nio.file.Files.delete(file);
            java.nio.file.Files.delete(file.getParent()); // the state directory deleted under a running schedule

            assertThat(run.holdAgain()).isTrue(); // what the schedule does at the start of every turn

            assertThat(RunLock.tryAcquire(file, "pid 2")).as("a second run").isEmpty();
            assertThat(RunLock.holder(file)).contains("pid 1, every 5m");
            assertThat(run.holdAgain()).as("still the same file: nothing to do").isTrue();
        }
        assertThat(RunLock.holder(file)).isEmpty();
    }

    @Test
    void lockFileTakenByAnotherRunAfterADeletion_isNotTakenBack() throws Exception {
        Path file = dir.resolve("locks/p.lock");
        try (RunLock run = RunLock.tryAcquire(file, "pid 1").orElseThrow()) {
            java.nio.file.Files.delete(file);
            try (RunLock other = RunLock.tryAcquire(file, "pid 2").orElseThrow()) {
                assertThat(run.holdAgain()).isFalse();
                assertThat(RunLock.holder(file)).contains("pid 2");
            }
        }
    }
}
