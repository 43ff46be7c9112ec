package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionedWritesTest {
    private static final int[] KEY = {0};

    private static List<UpsertRows.Row<String>> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new UpsertRows.Row<>("r" + i, new Object[] {"W" + (i % 700), i}))
                .toList();
    }

    @Test
    void split_putsEveryKeyInOnePartition_andKeepsTheBatchOrderInEach() {
        List<UpsertRows.Row<String>> rows = rows(1000);   // keys W0..W699, 300 of them twice

        List<List<UpsertRows.Row<String>>> parts = new PartitionedWrites(4, "t").split(rows, KEY);

        assertThat(parts).hasSize(4).allSatisfy(p -> assertThat(p).hasSizeGreaterThan(150));
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(1000);
        Map<Object, Integer> partitionOfKey = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            int last = -1;
            for (UpsertRows.Row<String> r : parts.get(p)) {
                assertThat(partitionOfKey.putIfAbsent(r.values()[0], p)).isIn(null, p);
                assertThat((int) r.values()[1]).as("batch order within a partition").isGreaterThan(last);
                last = (int) r.values()[1];
            }
        }
    }

    @Test
    void split_smallBatch_staysWhole_andNoPartitionGetsFewerThanAHundredRowsOnAverage() {
        PartitionedWrites writes = new PartitionedWrites(8, "t");

        assertThat(writes.split(rows(199), KEY)).hasSize(1);
        assertThat(writes.split(rows(350), KEY)).hasSize(3);
        assertThat(writes.split(rows(5000), KEY)).hasSize(8);
    }

    @Test
    void split_compositeAndBinaryKeys_dependOnTheValuesOnly() {
        Object[] a = {new byte[] {1, 2}, "x", 5L};
        Object[] b = {new byte[] {1, 2}, "x", 6L};

        assertThat(PartitionedWrites.partition(a, new int[] {0, 1}, 7))
                .isEqualTo(PartitionedWrites.partition(b, new int[] {0, 1}, 7));
    }

    @Test
    void run_returnsEveryPartitionsResultInOrder_usingMoreThanTheCallingThread() throws SQLException {
        PartitionedWrites writes = new PartitionedWrites(4, "t");
        List<List<UpsertRows.Row<String>>> parts = writes.split(rows(1000), KEY);
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
        List<List<UpsertRows.Row<String>>> parts = writes.split(rows(1000), KEY);
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
