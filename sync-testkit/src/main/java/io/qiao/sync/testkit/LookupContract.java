package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.LookupMissException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Lookup} must have, as mappers rely on it: a hit returns the value, a miss is an empty
 * result (never null, never an exception that would stop a run), the answer does not change when asked again, and
 * {@link Lookup#require} turns a miss into a {@link LookupMissException} naming what was looked up and the key, which
 * the engine records as a dead letter.
 *
 * <p>Extend it with a class named {@code <Lookup>Test} and implement {@link #newLookup()} over reference data that
 * holds {@link #presentKey()} (with {@link #expectedValue()}) and not {@link #absentKey()}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public abstract class LookupContract<K, V> {

    /** The lookup under test, new for every test. */
    protected Lookup<K, V> lookup;

    /** A new lookup whose reference data maps {@link #presentKey()} to {@link #expectedValue()} and lacks {@link #absentKey()}. */
    protected abstract Lookup<K, V> newLookup() throws Exception;

    /** A key the reference data holds. */
    protected abstract K presentKey();

    /** The value of {@link #presentKey()}. */
    protected abstract V expectedValue();

    /** A key the reference data lacks. */
    protected abstract K absentKey();

    /** Creates the lookup each test uses. */
    @BeforeEach
    void createLookup() throws Exception {
        lookup = newLookup();
    }

    @Test
    void find_aPresentKey_returnsItsValue() {
        assertThat(lookup.find(presentKey())).contains(expectedValue());
    }

    @Test
    void find_anAbsentKey_isEmpty_neverNullNorAnException() {
        Optional<V> found = lookup.find(absentKey());

        assertThat(found).as("find(absent key)").isNotNull().isEmpty();
    }

    @Test
    void find_askedAgain_givesTheSameAnswer() {
        for (int i = 0; i < 3; i++) {
            assertThat(lookup.find(presentKey())).as("hit, asked %d times", i + 1).contains(expectedValue());
            assertThat(lookup.find(absentKey())).as("miss, asked %d times", i + 1).isEmpty();
        }
    }

    @Test
    void require_aPresentKey_returnsItsValue() {
        assertThat(lookup.require(presentKey(), "the value")).isEqualTo(expectedValue());
    }

    @Test
    void require_anAbsentKey_throwsAMissNamingWhatAndTheKey() {
        assertThatThrownBy(() -> lookup.require(absentKey(), "KIS FItemID for sku_id"))
                .isInstanceOf(LookupMissException.class)
                .hasMessageContaining("KIS FItemID for sku_id")
                .hasMessageContaining(String.valueOf(absentKey()));
    }
}
