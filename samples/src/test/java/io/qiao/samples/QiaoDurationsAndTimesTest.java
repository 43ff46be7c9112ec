package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, bug 5, CLI side: a duration or time out of its range, from an option, a QIAO_* variable or --config, is a
 * usage error (64) naming it, before a lock is taken, a simulator started or a checkpoint written.
 */
class QiaoDurationsAndTimesTest {
    @TempDir
    Path dir;

    private String qiao(int expectedExit, Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(argv), Stream.of("--state-dir", dir.toString())).toArray(String[]::new);
        int exit = Qiao.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), env, false, Clock.systemUTC());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void since_ninetyNineBillionDaysBack_isAUsageError_andNoCheckpointIsWritten() {
        String printed = qiao(Qiao.USAGE, Map.of(), "sync", "db-documents-to-archive", "--simulate",
                "--since", "99999999999d");

        assertThat(printed).contains("--since '99999999999d' is out of range").doesNotContain("\tat ");
        assertThat(dir.resolve("checkpoints")).doesNotExist();
        assertThat(dir.resolve("locks")).doesNotExist();
    }

    @Test
    void every_hugeOrZero_isAUsageError_beforeAnyRun() {
        assertThat(qiao(Qiao.USAGE, Map.of(), "sync", "db-documents-to-archive", "--simulate",
                "--every", "99999999999999d")).contains("--every '99999999999999d' is out of range: it must be between 1s and 366d");
        assertThat(qiao(Qiao.USAGE, Map.of(), "sync", "db-documents-to-archive", "--simulate", "--every", "PT0S"))
                .contains("--every 'PT0S' is out of range");
        assertThat(qiao(Qiao.USAGE, Map.of(), "sync", "db-documents-to-archive", "--simulate", "--every", "PT-5S"))
                .contains("--every 'PT-5S' is out of range");
        assertThat(dir.resolve("status")).doesNotExist();
    }

    @Test
    void settleDelay_fromTheEnvironmentOrConfig_isCheckedToo() throws IOException {
        assertThat(qiao(Qiao.USAGE, Map.of("QIAO_SETTLE_DELAY", "PT-5S"), "sync", "db-documents-to-archive",
                "--simulate")).contains("--settle-delay 'PT-5S' is out of range: it must be between 0 and 1d");
        Path config = Files.writeString(dir.resolve("qiao.properties"), "since = 1999-12-31\n");
        assertThat(qiao(Qiao.USAGE, Map.of(), "status", "--config", config.toString()))
                .contains("--since '1999-12-31' is out of range");
    }

    @Test
    void reconcile_withFromNotBeforeTo_isAUsageError() {
        assertThat(qiao(Qiao.USAGE, Map.of(), "reconcile", "db-documents-to-archive", "--from", "2024-05-02",
                "--to", "2024-05-01")).contains("--from 2024-05-02 is not before --to 2024-05-01");
    }
}
