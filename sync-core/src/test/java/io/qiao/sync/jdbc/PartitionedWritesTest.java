package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionedWritesTest {
    /** Rows as the sink hands them over: one per key (K0, K1, ...), in the batch's order. */
    private static List<UpsertRows.Row<String>> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new UpsertRows.Row<>("r" + i, new Object[] {"K" + i, i})).toList();
    }

    @Test
    void split_cutsTheBatchInOrderIntoSlicesOfOneSize_soEachConnectionRunsOneStatementSize() {
        List<UpsertRows.Row<String>> rows = rows(1000);

        List<List<UpsertRows.Row<String>>> parts = new PartitionedWrites(4, "t").split(rows);

        assertThat(parts).extracting(List::size).containsExactly(250, 250, 250, 250);
        assertThat(parts.stream().flatMap(List::stream).toList()).as("every row once, in the batch's order")
                .containsExactlyElementsOf(rows);
        assertThat(new PartitionedWrites(4, "t").split(rows(1001))).extracting(List::size)
                .containsExactly(251, 251, 251, 248);
    }

    @Test
    void split_smallBatch_staysWhole_andNoPartitionGetsFewerThanAHundredRowsOnAverage() {
        PartitionedWrites writes = new PartitionedWrites(8, "t");

        assertThat(writes.split(rows(199))).hasSize(1);
        assertThat(writes.split(rows(350))).extracting(List::size).containsExactly(117, 117, 116);
        assertThat(writes.split(rows(5000))).hasSize(8);
        assertThat(new PartitionedWrites(16, "t").split(rows(1699))).as("16 writers: 16 slices, 106 rows on average")
                .hasSize(16).extracting(List::size).containsOnly(107, 94);
    }

    @Test
    void run_returnsEveryPartitionsResultInOrder_usingMoreThanTheCallingThread() throws SQLException {
        PartitionedWrites writes = new PartitionedWrites(4, "t");
        List<List<UpsertRows.Row<String>>> parts = writes.split(rows(1000));
        Map<String, Boolean> threads = new ConcurrentHashMap<>();

        List<Integer> sizes = writes.run(parts, p -> {
            threads.put(Thread.currentThread().getName(), true);
            return p.size();
        });

        assertThat(sizes).containsExactlyElementsOf(parts.stream().map(List::size).toList());
        assertThat(threads).hasSizeGreaterThan(1).containsKey(Thread.currentThread().getName());
    }

    @Test
    void run_whenOnePartitionFails_waitsForTheOthers_andThrowsTheFailure() {
        PartitionedWrites writes = new PartitionedWrites(4, "t");
        List<List<UpsertRows.Row<String>>> parts = writes.split(rows(1000));
        List<List<UpsertRows.Row<String>>> failing = new ArrayList<>(parts);
        AtomicInteger finished = new AtomicInteger();

        assertThatThrownBy(() -> writes.run(failing, p -> {
            if (p == failing.get(2)) {
                throw new SQLException("partition 2 lost its connection", "08S01");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // slower than the failure: run must wait
            finished.incrementAndGet();
            return p.size();
        })).isInstanceOf(SQLException.class).hasMessage("partition 2 lost its connection");

        assertThat(finished.get()).as("partitions finished before run threw").isEqualTo(3);
    }
}
