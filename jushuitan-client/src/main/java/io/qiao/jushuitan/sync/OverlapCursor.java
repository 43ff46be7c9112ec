package io.qiao.jushuitan.sync;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The documents a run delivered in the overlap band just below its watermark, written into the checkpoint's
 * cursor so that the next run, which reads that band again, can skip exactly those (same io_id and same
 * modified) and still deliver a document that was late or changed since.
 *
 * <p>Format: {@code o1:} then comma-separated {@code <io_id base 36>.<seconds below the watermark, base 36>}.
 * A JDBC checkpoint cursor holds 500 characters; when the band holds more documents than fit, no cursor is
 * written and the next run re-delivers the band (harmless: sinks are idempotent, just not free).
 */
final class OverlapCursor {
    static final int MAX_LENGTH = 480;
    private static final String PREFIX = "o1:";

    private OverlapCursor() {
    }

    /** The keys {@code "<io_id>@<epoch second>"} of a cursor; empty for a cursor this class did not write. */
    static Set<String> decode(String cursor, Instant watermark) {
        Set<String> keys = new HashSet<>();
        if (cursor == null || !cursor.startsWith(PREFIX) || cursor.length() == PREFIX.length()) {
            return keys;
        }
        long mark = watermark.getEpochSecond();
        try {
            for (String entry : cursor.substring(PREFIX.length()).split(",")) {
                int dot = entry.indexOf('.');
                long ioId = Long.parseLong(entry.substring(0, dot), 36);
                long below = Long.parseLong(entry.substring(dot + 1), 36);
                keys.add(key(ioId, mark - below));
            }
        } catch (RuntimeException e) {
            return new HashSet<>(); // unreadable: re-deliver rather than skip anything
        }
        return keys;
    }

    /** The cursor for the documents {@code io_id -> modified epoch second}, or null when they do not fit. */
    static String encode(Map<Long, Long> delivered, Instant watermark) {
        long mark = watermark.getEpochSecond();
        StringBuilder b = new StringBuilder(PREFIX);
        for (Map.Entry<Long, Long> e : delivered.entrySet()) {
            if (b.length() > PREFIX.length()) {
                b.append(',');
            }
            b.append(Long.toString(e.getKey(), 36)).append('.').append(Long.toString(mark - e.getValue(), 36));
            if (b.length() > MAX_LENGTH) {
                return null;
            }
        }
        return delivered.isEmpty() ? null : b.toString();
    }

    static String key(long ioId, long epochSecond) {
        return ioId + "@" + epochSecond;
    }
}
