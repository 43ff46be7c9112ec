package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiUsageTest {

    private static ApiCallEvent event(String op, ApiCallEvent.Outcome outcome, int attempt, long millis) {
        return new ApiCallEvent(op, outcome, attempt, Duration.ofMillis(millis), 200, null);
    }

    @Test
    void countsCallsErrorsThrottlesAndRetriesPerOperation() {
        ApiUsage usage = new ApiUsage();
        usage.onCall(event("a", ApiCallEvent.Outcome.SUCCESS, 1, 10));
        usage.onCall(event("a", ApiCallEvent.Outcome.THROTTLED, 1, 10));
        usage.onCall(event("a", ApiCallEvent.Outcome.SUCCESS, 2, 10));
        usage.onCall(event("b", ApiCallEvent.Outcome.TRANSPORT_ERROR, 1, 10));

        ApiUsage.OperationStats a = usage.snapshot().get(0);
        assertThat(a.operation()).isEqualTo("a");
        assertThat(a.calls()).isEqualTo(3);
        assertThat(a.errors()).isEqualTo(1);
        assertThat(a.throttled()).isEqualTo(1);
        assertThat(a.retries()).isEqualTo(1);
        assertThat(usage.snapshot().get(1).errors()).isEqualTo(1);
    }

    @Test
    void percentilesAreAccurateToABucket() {
        ApiUsage usage = new ApiUsage();
        for (int ms = 1; ms <= 100; ms++) {
            usage.onCall(event("op", ApiCallEvent.Outcome.SUCCESS, 1, ms));
        }

        ApiUsage.OperationStats s = usage.snapshot().get(0);
        assertThat(s.p50().toMillis()).isBetween(48L, 53L);
        assertThat(s.p95().toMillis()).isBetween(93L, 99L);
        assertThat(s.p99().toMillis()).isBetween(97L, 100L);
        assertThat(s.max()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tableHasAHeaderAndOneLinePerOperation() {
        ApiUsage usage = new ApiUsage();
        usage.onCall(event("erp.warehouse.get", ApiCallEvent.Outcome.SUCCESS, 1, 12));

        String table = usage.table();

        assertThat(table.lines()).hasSize(2);
        assertThat(table).contains("operation").contains("p95 ms").contains("erp.warehouse.get");
    }
}
