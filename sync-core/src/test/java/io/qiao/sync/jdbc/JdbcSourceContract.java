package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.Position;
import io.qiao.sync.Window;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcSource} must do on every database. */
abstract class JdbcSourceContract {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDateTime BASE = LocalDateTime.parse("2024-05-01T10:00:00");

    protected abstract TestDatabase database();

    private DataSource raw;
    private SpyDataSource ds;
    private String table;
    private final MutableClock clock = new MutableClock(BASE.plusHours(1).atZone(SHANGHAI).toInstant());

    @BeforeEach
    void createTable() {
        raw = database().dataSource();
        ds = new SpyDataSource(raw, database());
        table = TestDatabase.uniqueName("qj_doc");
        execute(raw, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(50), "
                + "status VARCHAR(10), updated_at " + database().timestampType() + ")");
    }

    @AfterEach
    void dropTable() {
        execute(raw, "DROP TABLE " + table);
    }

    private void insert(long id, LocalDateTime updatedAt, String status) {
        try (Connection c = raw.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, "doc " + id);
            ps.setString(3, status);
            ps.setObject(4, updatedAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JdbcSource.Builder<Long> source() {
        return JdbcSource.from(ds, table, rs -> rs.getLong("id")).settleDelay(Duration.ofSeconds(30));
    }

    /** Reads every window from {@code from} and returns the ids; {@code ends} gets each window's end. */
    private List<Long> readAll(JdbcSource<Long> source, Position from, List<Position> ends) {
        List<Long> ids = new ArrayList<>();
        Iterator<Window<Long>> windows = source.windows(from, clock);
        while (windows.hasNext()) {
            Window<Long> w = windows.next();
            w.records().forEachRemaining(ids::add);
            ends.add(w.endPosition());
        }
        return ids;
    }

    @Test
    void windows_readEveryRowOnceInKeysetOrder_evenWhenManyShareOneTimestamp() {
        for (long id = 1; id <= 25; id++) {
            insert(id, BASE, "A");          // 25 rows with the same updated_at
        }
        insert(26, BASE.minusMinutes(1), "A");
        insert(27, BASE.plusMinutes(1), "A");
        List<Position> ends = new ArrayList<>();

        List<Long> ids = readAll(source().batchSize(10).build(), Position.at(Instant.EPOCH), ends);

        List<Long> expected = new ArrayList<>(List.of(26L));
        for (long id = 1; id <= 25; id++) {
            expected.add(id);
        }
        expected.add(27L);
        assertThat(ids).containsExactlyElementsOf(expected);
        assertThat(ends).hasSize(3);
        assertThat(ends.get(0)).isEqualTo(new Position(BASE.atZone(SHANGHAI).toInstant(), "9"));
    }

    @Test
    void windows_withFractionalTimestamps_readEveryRowOnce_andMoveOn() {
        // literals, so that the rows keep their fractions whatever the driver does with bound times
        execute(raw, "INSERT INTO " + table + " VALUES (1, 'a', 'A', TIMESTAMP '2024-05-01 10:00:00.500'), "
                + "(2, 'b', 'A', TIMESTAMP '2024-05-01 10:00:00.500'), (3, 'c', 'A', TIMESTAMP '2024-05-01 10:00:00.500'), "
                + "(4, 'd', 'A', TIMESTAMP '2024-05-01 10:00:00.750'), (5, 'e', 'A', TIMESTAMP '2024-05-01 10:00:01.250')");
        JdbcSource<Long> source = source().batchSize(2).build();
        List<Long> ids = new ArrayList<>();
        List<Position> ends = new ArrayList<>();

        Iterator<Window<Long>> windows = source.windows(Position.at(Instant.EPOCH), clock);
        for (int i = 0; i < 10 && windows.hasNext(); i++) {  // a keyset that loses the fraction never ends
            Window<Long> w = windows.next();
            w.records().forEachRemaining(ids::add);
            ends.add(w.endPosition());
        }

        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ends.get(0).watermark()).isEqualTo(BASE.plusNanos(500_000_000).atZone(SHANGHAI).toInstant());
    }

    /**
     * A driver that drops the fraction of every bound time (as MySQL Connector/J once did on MariaDB) makes the keyset
     * query after (10:00:00.500, 2) read from 10:00:00 again: the same rows, the same end, for ever. The source stops
     * with one sentence instead of keeping a run busy and silent.
     */
    @Test
    void windows_whenTheDatabaseDoesNotMovePastTheLastRow_stopWithOneSentenceInsteadOfReadingItForEver() {
        execute(raw, "INSERT INTO " + table + " VALUES (1, 'a', 'A', TIMESTAMP '2024-05-01 10:00:00.500'), "
                + "(2, 'b', 'A', TIMESTAMP '2024-05-01 10:00:00.500'), (3, 'c', 'A', TIMESTAMP '2024-05-01 10:00:00.500')");
        JdbcSource<Long> source = JdbcSource.from(wholeSecondTimes(raw), table, rs -> rs.getLong("id"))
                .settleDelay(Duration.ofSeconds(30)).batchSize(2).build();

        Iterator<Window<Long>> windows = source.windows(Position.at(Instant.EPOCH), clock);
        Throwable stopped = null;
        for (int i = 0; i < 5 && stopped == null; i++) {
            try {
                windows.hasNext();
                windows.next().records().forEachRemaining(id -> { });
            } catch (io.qiao.sync.SyncException e) {
                stopped = e;
            }
        }

        assertThat(stopped).as("reading stopped within 5 windows").isNotNull();
        assertThat(stopped.getMessage()).contains(table).contains("(2024-05-01T02:00:00.500Z, 2)")
                .contains("reading stopped");
    }

    /** A data source whose statements bind every time without its fraction, as text or as a date-time. */
    private static DataSource wholeSecondTimes(DataSource target) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                    Object result = m.invoke(target, args);
                    return result instanceof Connection c ? wrap(Connection.class, c) : result;
                });
    }

    private static <T> T wrap(Class<T> type, Object target) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> {
                    if (m.getName().equals("setObject") && args.length == 2) {
                        if (args[1] instanceof LocalDateTime t) {
                            args[1] = t.withNano(0);
                        } else if (args[1] instanceof java.time.OffsetDateTime t) {
                            args[1] = t.withNano(0);
                        }
                    } else if (m.getName().equals("setString") && args[1] instanceof String text
                            && text.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}\\.\\d+")) {
                        args[1] = text.substring(0, text.indexOf('.'));
                    }
                    Object result;
                    try {
                        result = m.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return m.getName().equals("prepareStatement") ? wrap(PreparedStatement.class, result) : result;
                }));
    }

    @Test
    void windows_fromACommittedPosition_resumeWithoutSkippingOrRepeating() {
        for (long id = 1; id <= 12; id++) {
            insert(id, BASE, "A");
        }
        JdbcSource<Long> source = source().batchSize(5).build();
        Window<Long> first = source.windows(Position.at(Instant.EPOCH), clock).next();
        List<Long> firstIds = new ArrayList<>();
        first.records().forEachRemaining(firstIds::add);

        List<Long> rest = readAll(source, first.endPosition(), new ArrayList<>());

        assertThat(firstIds).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rest).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void windows_leaveRowsYoungerThanTheSettleDelayForTheNextRun() {
        Instant now = clock.instant();
        LocalDateTime nowLocal = LocalDateTime.ofInstant(now, SHANGHAI);
        insert(1, nowLocal.minusMinutes(5), "A");
        insert(2, nowLocal.minusSeconds(10), "A");   // may still be committing
        JdbcSource<Long> source = source().build();
        List<Position> ends = new ArrayList<>();

        assertThat(readAll(source, Position.at(Instant.EPOCH), ends)).containsExactly(1L);

        clock.advance(Duration.ofMinutes(1));
        assertThat(readAll(source, ends.get(0), new ArrayList<>())).containsExactly(2L);
    }

    @Test
    void windows_applyTheFilterWithBoundParameters() {
        insert(1, BASE, "ARCHIVED");
        insert(2, BASE, "DRAFT");
        insert(3, BASE.plusSeconds(1), "ARCHIVED");

        List<Long> ids = readAll(source().where("status = ?", "ARCHIVED").build(), Position.at(Instant.EPOCH),
                new ArrayList<>());

        assertThat(ids).containsExactly(1L, 3L);
    }

    @Test
    void windows_neverUseOffset_andRetryingAWindowRereadsItFromTheStart() {
        for (long id = 1; id <= 6; id++) {
            insert(id, BASE.plusSeconds(id), "A");
        }
        JdbcSource<Long> source = source().batchSize(4).build();
        Window<Long> w = source.windows(Position.at(Instant.EPOCH), clock).next();
        Iterator<Long> firstTry = w.records();
        firstTry.next();

        List<Long> retry = new ArrayList<>();
        w.records().forEachRemaining(retry::add);

        assertThat(retry).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ds.prepared).isNotEmpty().noneMatch(sql -> sql.toUpperCase().contains("OFFSET"));
    }

    @Test
    void windows_onAnEmptyTable_areNone() {
        assertThat(source().build().windows(Position.at(Instant.EPOCH), clock).hasNext()).isFalse();
    }

    @Test
    void windows_withTextIds_compareThemAsText() {
        String t = TestDatabase.uniqueName("qj_code");
        execute(raw, "CREATE TABLE " + t + " (code VARCHAR(20) NOT NULL PRIMARY KEY, modified "
                + database().timestampType() + ")");
        try {
            try (Connection c = raw.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                for (String code : List.of("WH-b", "WH-a", "WH-c", "WH-d")) {
                    ps.setString(1, code);
                    ps.setObject(2, BASE);
                    ps.executeUpdate();
                }
            }
            JdbcSource<Map<String, Object>> source = JdbcSource.from(raw, t, RowReader.asMap())
                    .id("code").updatedAt("modified").batchSize(3).build();

            List<Object> codes = new ArrayList<>();
            Iterator<Window<Map<String, Object>>> windows = source.windows(Position.at(Instant.EPOCH), clock);
            while (windows.hasNext()) {
                windows.next().records().forEachRemaining(r -> codes.add(r.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("code")).findFirst().orElseThrow().getValue()));
            }

            assertThat(codes).containsExactly("WH-a", "WH-b", "WH-c", "WH-d");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            execute(raw, "DROP TABLE " + t);
        }
    }
}
