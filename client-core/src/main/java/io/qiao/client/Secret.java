package io.qiao.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An app secret, token or password. Its {@code toString()} is masked so that a secret cannot reach a log
 * line, an exception message or another object's {@code toString()} by accident; only {@link #reveal()}
 * gives the value, and only signers and transports should call it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a non-empty value. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret value must not be empty");
        }
        return new Secret(value);
    }

    /** Reads a secret from an environment variable; fails naming the variable (never the value) when unset. */
    public static Secret fromEnv(String variable) {
        String v = System.getenv(variable);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("environment variable " + variable + " is not set");
        }
        return new Secret(v);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }

    /** Constant-time comparison: equality of secrets must not leak timing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // equal secrets must hash alike without the hash becoming a fingerprint of the value
    }
}
