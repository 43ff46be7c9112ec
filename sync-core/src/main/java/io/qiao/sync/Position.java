package io.qiao.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a source stands: a watermark (everything modified before it has been read) and an optional
 * source-specific cursor that breaks ties at the watermark (a keyset id, a vendor scroll id).
 *
 * @param watermark the instant up to which (exclusive) records are durably handled
 * @param cursor    a tie-breaker within the watermark instant, or null
 */
public record Position(Instant watermark, String cursor) {
    public Position {
        Objects.requireNonNull(watermark, "watermark");
    }

    public static Position at(Instant watermark) {
        return new Position(watermark, null);
    }
}
