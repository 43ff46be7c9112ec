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
}
