package io.qiao.testkit;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds a secret, or a telling part of one, in text that a client showed (an exception message, a log): a test that
 * only looks for the whole value passes when a redactor masked a few characters of it and left the rest.
 */
public final class SecretLeaks {
    /** A secret shows when any run of this many of its characters (or the whole of a shorter one) appears. */
    public static final int PART = 12;

    private SecretLeaks() {
    }

    /** The first part of a secret that {@code text} shows, or empty. */
    public static Optional<String> find(String text, Collection<String> secrets) {
        if (text == null) {
            return Optional.empty();
        }
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            int len = Math.min(PART, secret.length());
            for (int i = 0; i + len <= secret.length(); i++) {
                String part = secret.substring(i, i + len);
                if (text.contains(part)) {
                    return Optional.of(part);
                }
            }
        }
        return Optional.empty();
    }

    /** @throws AssertionError naming what showed, when {@code text} shows part of a secret */
    public static void assertNone(String what, String text, Collection<String> secrets) {
        find(text, secrets).ifPresent(part -> {
            throw new AssertionError(what + " shows '" + part + "', part of a secret:\n" + text);
        });
    }
}
