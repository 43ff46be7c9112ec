package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowGridTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void next_withOneTask_continuesFromTheWatermarkToTheEndOfItsWindow() {
        WindowGrid grid = new WindowGrid(DAY, 0, 1);

        WindowGrid.Range r = grid.next(MAY.plusSeconds(3600));

        assertThat(r.start()).isEqualTo(MAY.plusSeconds(3600));
        assertThat(r.windowEnd()).isEqualTo(MAY.plus(DAY));
        assertThat(grid.next(r.windowEnd()).start()).isEqualTo(MAY.plus(DAY));
    }

    @Test
    void tasks_ownDisjointWindows_thatTogetherCoverTheAxisWithoutGaps() {
        int tasks = 3;
        List<Instant[]> read = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            WindowGrid grid = new WindowGrid(DAY, t, tasks);
            Instant w = MAY.plusSeconds(7200);
            while (w.isBefore(MAY.plus(Duration.ofDays(10)))) {
                WindowGrid.Range r = grid.next(w);
                read.add(new Instant[] {r.start(), r.windowEnd()});
                w = r.windowEnd();
            }
        }
        read.sort((a, b) -> a[0].compareTo(b[0]));

        Instant expected = MAY.plusSeconds(7200);
        for (Instant[] range : read) {
            assertThat(range[0]).as("ranges follow each other without gap or overlap").isEqualTo(expected);
            expected = range[1];
        }
    }

    @Test
    void aTask_skipsTheWindowsOfTheOthers() {
        WindowGrid second = new WindowGrid(DAY, 1, 2);
        long may = Math.floorDiv(MAY.getEpochSecond(), DAY.toSeconds());
        Instant ownStart = may % 2 == 1 ? MAY : MAY.plus(DAY);

        WindowGrid.Range r = second.next(MAY);

        assertThat(r.start()).isEqualTo(ownStart);
        assertThat(second.next(r.windowEnd()).start()).isEqualTo(ownStart.plus(DAY.multipliedBy(2)));
    }

    @Test
    void aTaskThatDoesNotExist_isRefused() {
        assertThatThrownBy(() -> new WindowGrid(DAY, 2, 2)).hasMessageContaining("task 2 of 2");
    }
}
