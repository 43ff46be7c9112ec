package io.qiao.sync.internal;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rules every dead-letter store applies the same way (argument checks, "seen again", resolving, ordering),
 * shared by the stores of every package (in memory, JSON lines, JDBC) instead of re-derived; internal, not for
 * application code.
 */
public final class DeadLetterEntries {
    /** Oldest first: by first seen, then by id (numeric ids compare as numbers). */
    public static final Comparator<DeadLetter> OLDEST_FIRST = Comparator.comparing(DeadLetter::firstSeen)
            .thenComparing(DeadLetter::id, DeadLetterEntries::compareIds);

    private DeadLetterEntries() {
    }

    /** Rejects an {@link DeadLetterStore#add} call with missing parts, naming the part. */
    public static void checkAdd(String job, String payload, Rejection.Stage stage, List<String> reasons, Instant now) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(now, "now");
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a dead letter needs at least one reason");
        }
    }

    public static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The entry after the same record was rejected again: latest payload, stage, reasons and window. */
    public static DeadLetter seenAgain(DeadLetter d, String payload, Rejection.Stage stage, List<String> reasons,
                                       String window, Instant now) {
        return new DeadLetter(d.id(), d.job(), d.key(), payload, stage, reasons, window, d.firstSeen(),
                now, d.attempts() + 1, false);
    }

    /** The entry after a replay delivered it; first/last seen and attempts are kept. */
    public static DeadLetter resolved(DeadLetter d) {
        return new DeadLetter(d.id(), d.job(), d.key(), d.payload(), d.stage(), d.reasons(), d.window(),
                d.firstSeen(), d.lastSeen(), d.attempts(), true);
    }

    /** {@code from <= t < to}. */
    public static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static int compareIds(String a, String b) {
        if (a.length() != b.length() && a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }
}
