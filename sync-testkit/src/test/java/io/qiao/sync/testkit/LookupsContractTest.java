package io.qiao.sync.testkit;

import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.Lookups;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The lookup contract on the lookups {@link Lookups} makes: over a map, over a function, and cached. */
class LookupsContractTest {
    static final Map<String, Integer> ITEMS = Map.of("SKU-1", 1001, "SKU-2", 1002);

    abstract static class Base extends LookupContract<String, Integer> {
        @Override
        protected String presentKey() {
            return "SKU-1";
        }

        @Override
        protected Integer expectedValue() {
            return 1001;
        }

        @Override
        protected String absentKey() {
            return "SKU-404";
        }
    }

    @Nested
    class OfMap extends Base {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return Lookups.ofMap(ITEMS);
        }
    }

    @Nested
    class OfFunction extends Base {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return Lookups.of(ITEMS::get);
        }
    }

    @Nested
    class Cached extends Base {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return Lookups.cached(Lookups.ofMap(ITEMS)).maxSize(10).ttl(Duration.ofMinutes(5)).build();
        }
    }

    @Nested
    class CachedWithMisses extends Base {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return Lookups.cached(Lookups.ofMap(ITEMS)).cacheMisses(true).build();
        }
    }
}
