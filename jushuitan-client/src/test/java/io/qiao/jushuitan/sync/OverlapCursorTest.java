package io.qiao.jushuitan.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OverlapCursorTest {
    private static final Instant MARK = Instant.parse("2024-05-11T03:00:00Z");

    @Test
    void encodeThenDecode_givesTheSameKeys() {
        Map<Long, Long> band = new TreeMap<>(Map.of(10_000_001L, MARK.getEpochSecond() - 30,
                10_000_002L, MARK.getEpochSecond() - 1));

        String cursor = OverlapCursor.encode(band, MARK);

        assertThat(cursor).startsWith("o1:");
        assertThat(OverlapCursor.decode(cursor, MARK)).containsExactlyInAnyOrder(
                OverlapCursor.key(10_000_001L, MARK.getEpochSecond() - 30),
                OverlapCursor.key(10_000_002L, MARK.getEpochSecond() - 1));
    }

    @Test
    void encode_whenTooManyForTheCheckpointColumn_givesNoCursor() {
        Map<Long, Long> band = new TreeMap<>();
        for (long i = 0; i < 100; i++) {
            band.put(10_000_000L + i, MARK.getEpochSecond() - i);
        }

        assertThat(OverlapCursor.encode(band, MARK)).isNull();
    }

    @Test
    void decode_foreignOrDamagedCursor_skipsNothing() {
        assertThat(OverlapCursor.decode("12345", MARK)).isEmpty();
        assertThat(OverlapCursor.decode("o1:zz", MARK)).isEmpty();
        assertThat(OverlapCursor.decode(null, MARK)).isEmpty();
    }
}
