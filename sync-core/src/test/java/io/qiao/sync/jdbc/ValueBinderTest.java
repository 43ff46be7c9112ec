package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ValueBinder} alone: which setter each value goes through, and as what. */
class ValueBinderTest {
    enum Status { OPEN }

    private final List<String> calls = new ArrayList<>();
    private final PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
                return null;
            });

    @Test
    void bindAll_bindsEachValueWithItsTypedSetter_andReturnsTheNextIndex() throws Exception {
        int next = new ValueBinder(ZoneOffset.UTC).bindAll(ps, 3, new Object[] {null, "s", 1L, 2,
                new BigDecimal("1.50"), Status.OPEN, 'c', true}, Dialect.POSTGRESQL);

        assertThat(next).isEqualTo(11);
        assertThat(calls).containsExactly("setNull(3, " + Types.NULL + ")", "setString(4, s)", "setLong(5, 1)",
                "setInt(6, 2)", "setBigDecimal(7, 1.50)", "setString(8, OPEN)", "setString(9, c)", "setObject(10, true)");
    }

    @Test
    void bind_instantsAndOffsetTimes_becomeLocalDateTimesInTheSinksZone() throws Exception {
        ValueBinder shanghai = new ValueBinder(ZoneId.of("Asia/Shanghai"));

        shanghai.bind(ps, 1, Instant.parse("2024-05-01T02:00:00Z"));
        shanghai.bind(ps, 2, OffsetDateTime.parse("2024-05-01T02:00:00+02:00"));
        shanghai.bind(ps, 3, LocalDateTime.parse("2024-05-01T02:00:00"));

        assertThat(calls).containsExactly("setObject(1, 2024-05-01T10:00)", "setObject(2, 2024-05-01T08:00)",
                "setObject(3, 2024-05-01T02:00)");
    }

    @Test
    void bindAll_onMySql_sendsADateTimeAsMariaDbsDriverWritesIt_andWhatNoServerStoresExactlyAsTheValue() throws Exception {
        ValueBinder shanghai = new ValueBinder(ZoneId.of("Asia/Shanghai"));
        LocalDateTime partOfAMicrosecond = LocalDateTime.parse("2024-05-01T02:00:00.000000250");
        LocalDateTime farFuture = LocalDateTime.of(10_000, 1, 1, 0, 0);

        shanghai.bindAll(ps, 1, new Object[] {LocalDateTime.parse("2024-05-01T02:03:04"),
            LocalDateTime.of(7, 1, 2, 0, 0), Instant.parse("2024-12-31T16:00:00.5Z"),
            LocalDateTime.parse("2024-05-01T02:03:04.000001"), partOfAMicrosecond, farFuture}, Dialect.MYSQL);

        assertThat(calls).containsExactly("setString(1, 2024-05-01 02:03:04)", "setString(2, 0007-01-02 00:00:00)",
                "setString(3, 2025-01-01 00:00:00.500000)", "setString(4, 2024-05-01 02:03:04.000001)",
                "setObject(5, 2024-05-01T02:00:00.000000250)", "setObject(6, +10000-01-01T00:00)");
    }

    @Test
    void bindAll_onMySql_sendsOffsetAndZonedTimesAsTheSinksLocalTimeText_likeInstants() throws Exception {
        ValueBinder shanghai = new ValueBinder(ZoneId.of("Asia/Shanghai"));

        shanghai.bindAll(ps, 1, new Object[] {OffsetDateTime.parse("2024-05-01T02:00:00+02:00"),
            java.time.ZonedDateTime.parse("2024-05-01T02:00:00.123Z[UTC]")}, Dialect.MYSQL);

        assertThat(calls).containsExactly("setString(1, 2024-05-01 08:00:00)", "setString(2, 2024-05-01 10:00:00.123000)");
    }

    @Test
    void bindAll_onOtherDatabases_sendsDateTimesAsValues() throws Exception {
        ValueBinder utc = new ValueBinder(ZoneOffset.UTC);

        utc.bindAll(ps, 1, new Object[] {LocalDateTime.parse("2024-05-01T02:03:04")}, Dialect.POSTGRESQL);
        utc.bindAll(ps, 2, new Object[] {LocalDateTime.parse("2024-05-01T02:03:04")}, Dialect.H2);

        assertThat(calls).containsExactly("setObject(1, 2024-05-01T02:03:04)", "setObject(2, 2024-05-01T02:03:04)");
    }

    @Test
    void mySqlText_isTheIsoTextWithASpace_andMicrosecondsOnlyWhenThereAreAny() {
        java.time.format.DateTimeFormatter seconds = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
        java.time.format.DateTimeFormatter micros = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        for (LocalDateTime t : List.of(LocalDateTime.of(2024, 12, 31, 23, 59, 59), LocalDateTime.of(0, 1, 1, 0, 0),
                LocalDateTime.of(9999, 9, 9, 9, 9, 9), LocalDateTime.of(1970, 10, 1, 12, 0, 1))) {
            assertThat(ValueBinder.mySqlText(t)).isEqualTo(t.format(seconds));
            LocalDateTime withMicros = t.withNano(123_456_000);
            assertThat(ValueBinder.mySqlText(withMicros)).isEqualTo(withMicros.format(micros));
            assertThat(ValueBinder.mySqlText(t.withNano(1_000))).endsWith(".000001");
        }
    }
}
