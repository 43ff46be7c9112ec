package io.qiao.sync.record;

import io.qiao.sync.MovingClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookupsTest {
    private final MovingClock clock = new MovingClock(Instant.parse("2024-05-01T00:00:00Z"));

    @Test
    void require_onAMiss_throwsNamingTheKey() {
        Lookup<String, Long> items = Lookups.ofMap(Map.of("SKU-1", 101L));

        assertThat(items.require("SKU-1", "KIS FItemID for sku_id")).isEqualTo(101L);
        assertThatThrownBy(() -> items.require("SKU-9", "KIS FItemID for sku_id"))
                .isInstanceOf(LookupMissException.class)
                .hasMessage("KIS FItemID for sku_id: no value for 'SKU-9'")
                .satisfies(e -> assertThat(((LookupMissException) e).key()).isEqualTo("SKU-9"));
    }

    @Test
    void ofFunction_treatsNullAsAMiss() {
        Lookup<Integer, String> l = Lookups.of(i -> i > 0 ? "p" + i : null);

        assertThat(l.find(2)).contains("p2");
        assertThat(l.find(-1)).isEmpty();
    }

    @Test
    void cached_servesRepeatsFromTheCache_untilTheTtlPasses() {
        AtomicInteger calls = new AtomicInteger();
        Map<String, Long> data = new HashMap<>(Map.of("a", 1L));
        Lookups.CachedLookup<String, Long> cached = Lookups.cached(Lookups.<String, Long>of(k -> {
            calls.incrementAndGet();
            return data.get(k);
        })).ttl(Duration.ofMinutes(10)).clock(clock).build();

        cached.find("a");
        cached.find("a");
        cached.find("missing");
        cached.find("missing");
        assertThat(calls).hasValue(2);
        assertThat(cached.hits()).isEqualTo(2);

        data.put("a", 2L);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(cached.find("a")).contains(2L);
        assertThat(calls).hasValue(3);
    }

    @Test
    void cached_evictsTheLeastRecentlyUsed_beyondItsSize() {
        AtomicInteger calls = new AtomicInteger();
        Lookups.CachedLookup<Integer, Integer> cached = Lookups.cached((Integer k) -> {
            calls.incrementAndGet();
            return Optional.of(k * 10);
        }).maxSize(2).clock(clock).build();

        cached.find(1);
        cached.find(2);
        cached.find(1); // 1 is now the most recent
        cached.find(3); // evicts 2
        assertThat(cached.size()).isEqualTo(2);
        int before = calls.get();
        cached.find(1);
        assertThat(calls).hasValue(before);
        cached.find(2);
        assertThat(calls).hasValue(before + 1);
    }

    @Test
    void cached_canSkipCachingMisses() {
        AtomicInteger calls = new AtomicInteger();
        Lookups.CachedLookup<String, String> cached = Lookups.cached((String k) -> {
            calls.incrementAndGet();
            return Optional.<String>empty();
        }).cacheMisses(false).clock(clock).build();

        cached.find("x");
        cached.find("x");

        assertThat(calls).hasValue(2);
    }
}
