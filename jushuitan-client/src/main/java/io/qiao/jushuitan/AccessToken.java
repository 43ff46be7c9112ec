package io.qiao.jushuitan;

import io.qiao.client.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token of the open platform with what is needed to renew it. The lifetime comes from the
 * vendor's {@code expires_in}, never from a constant: the vendor has changed it before.
 *
 * @param accessToken  the token sent as {@code access_token}
 * @param refreshToken the token for {@code /openWeb/auth/refreshToken}, or null when there is none
 * @param issuedAt     when it was obtained (to compute the renewal margin from the lifetime)
 * @param expiresAt    issuedAt + expires_in
 * @param scope        the vendor's scope, usually "all"; may be null
 */
public record AccessToken(Secret accessToken, Secret refreshToken, Instant issuedAt, Instant expiresAt, String scope) {
    public AccessToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is before issuedAt " + issuedAt);
        }
    }

    /** A token that never expires on our side, for a fixed token configured by the user. */
    public static AccessToken fixed(Secret accessToken) {
        return new AccessToken(accessToken, null, Instant.EPOCH, Instant.MAX, null);
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    /**
     * How long before expiry the client renews: 10% of the lifetime, at least a minute and at most a day
     * (a token that lives 30 days is renewed a day early, one that lives an hour six minutes early), and
     * never more than half the lifetime, so a short-lived token is still used.
     */
    public Duration renewalMargin() {
        if (expiresAt.equals(Instant.MAX)) {
            return Duration.ZERO;
        }
        Duration life = lifetime();
        Duration tenth = life.dividedBy(10);
        Duration clamped = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : tenth.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : tenth;
        Duration half = life.dividedBy(2);
        return clamped.compareTo(half) > 0 ? half : clamped;
    }

    /** Whether the token should be used at {@code now} rather than renewed first. */
    public boolean isFreshAt(Instant now) {
        return expiresAt.equals(Instant.MAX) || now.isBefore(expiresAt.minus(renewalMargin()));
    }

    @Override
    public String toString() {
        return "AccessToken{issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", scope=" + scope + "}";
    }
}
