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
                new BigDecimal("1.50"), Status.OPEN, 'c', true});

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
}
