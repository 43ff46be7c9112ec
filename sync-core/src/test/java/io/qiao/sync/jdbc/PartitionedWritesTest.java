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
    /** The key is the first value of a row. */
    private static final int[] KEY = {0};

    /** Rows as the sink hands them over: one per key (K0, K1, ...), in the batch's order. */
    private static List<UpsertRows.Row<String>> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new UpsertRows.Row<>("r" + i, new Object[] {"K" + i, i})).toList();
    }

    @Test
    void split_cutsTheBatchInOrderIntoSlicesOfOneSize_soEachConnectionRunsOneStatementSize() {
        List<UpsertRows.Row<String>> rows = rows(1000);

        List<List<UpsertRows.Row<String>>> parts = new PartitionedWrites(4, "t").split(rows, KEY);

        assertThat(parts).extracting(List::size).containsExactly(250, 250, 250, 250);
        assertThat(parts.stream().flatMap(List::stream).toList()).as("every row once, in the batch's order")
                .containsExactlyElementsOf(rows);
        assertThat(new PartitionedWrites(4, "t").split(rows(1001), KEY)).extracting(List::size)
                .containsExactly(251, 251, 251, 248);
    }

    @Test
    void split_keysEqualButForCaseAccentsOrTrailingSpaces_goToTheEarlierKeysSlice_afterIt() {
        List<UpsertRows.Row<String>> rows = new ArrayList<>(rows(1000));
        rows.set(300, new UpsertRows.Row<>("café", new Object[] {"Café-1", 300}));
        rows.set(800, new UpsertRows.Row<>("CAFE", new Object[] {"CAFE-1  ", 800}));  // slice 3 by its place
        rows.set(10, new UpsertRows.Row<>("wh", new Object[] {"WH01", 10}));
        rows.set(999, new UpsertRows.Row<>("wh-later", new Object[] {"wh01", 999}));

        List<List<UpsertRows.Row<String>>> parts = new PartitionedWrites(4, "t").split(rows, KEY);

        assertThat(parts.get(1)).as("the slice of 'Café-1'").contains(rows.get(300)).endsWith(rows.get(499), rows.get(800));
        assertThat(parts.get(0)).as("the slice of 'WH01'").endsWith(rows.get(999)).contains(rows.get(10));
        assertThat(parts.get(3)).doesNotContain(rows.get(800), rows.get(999));
        assertThat(parts).extracting(List::size).containsExactly(251, 251, 250, 248);
        for (List<UpsertRows.Row<String>> part : parts) {
            List<Integer> places = part.stream().map(r -> (Integer) r.values()[1]).toList();
            assertThat(places).as("each slice keeps the batch's order").isSorted();
        }
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(1000);
    }

    @Test
    void looseKey_ignoresCaseAccentsAndTrailingSpacesOfText_inEachColumnOfTheKey_andNothingElse() {
        int[] two = {0, 1};
        assertThat(PartitionedWrites.looseKey(new Object[] {"Crème BRÛLÉE  ", 1}, two))
                .isEqualTo(PartitionedWrites.looseKey(new Object[] {"creme brulee", 1}, two))
                .isNotEqualTo(PartitionedWrites.looseKey(new Object[] {"creme brulee", 2}, two))
                .isNotEqualTo(PartitionedWrites.looseKey(new Object[] {" creme brulee", 1}, two));
        assertThat(PartitionedWrites.looseKey(new Object[] {"仓库A"}, KEY))
                .isEqualTo(PartitionedWrites.looseKey(new Object[] {"仓库a "}, KEY))
                .isNotEqualTo(PartitionedWrites.looseKey(new Object[] {"仓库B"}, KEY));
        assertThat(PartitionedWrites.looseKey(new Object[] {42L}, KEY)).isEqualTo(42L);
        assertThat(PartitionedWrites.looseKey(new Object[] {new byte[] {1, 2}}, KEY))
                .isEqualTo(PartitionedWrites.looseKey(new Object[] {new byte[] {1, 2}}, KEY))
                .isNotEqualTo(PartitionedWrites.looseKey(new Object[] {new byte[] {1, 3}}, KEY));
    }

    @Test
    void split_smallBatch_staysWhole_andNoPartitionGetsFewerThanAHundredRowsOnAverage() {
        PartitionedWrites writes = new PartitionedWrites(8, "t");

        assertThat(writes.split(rows(199), KEY)).hasSize(1);
        assertThat(writes.split(rows(350), KEY)).extracting(List::size).containsExactly(117, 117, 116);
        assertThat(writes.split(rows(5000), KEY)).hasSize(8);
        assertThat(new PartitionedWrites(16, "t").split(rows(1699), KEY)).as("16 writers: 16 slices, 106 rows on average")
                .hasSize(16).extracting(List::size).containsOnly(107, 94);
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
