package io.qiao.archive;

import io.qiao.client.Secret;
import java.util.Objects;

/**
 * The app key and app secret an archive system issues for {@code /api/auth/token}. Immutable; {@code toString()}
 * masks the secret.
 *
 * <pre>{@code
 * ArchiveClient.builder().credentials(ArchiveCredentials.of("your_app_key", Secret.fromEnv("ARCHIVE_APP_SECRET")))
 * }</pre>
 */
public final class ArchiveCredentials {
    private final String appKey;
    private final Secret appSecret;

    private ArchiveCredentials(String appKey, Secret appSecret) {
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    /** The app key (surrounding whitespace, as an ini file may leave it, is stripped) and its secret. */
    public static ArchiveCredentials of(String appKey, Secret appSecret) {
        if (appKey == null || appKey.isBlank()) {
            throw new IllegalArgumentException("appKey must not be blank");
        }
        return new ArchiveCredentials(appKey.strip(), Objects.requireNonNull(appSecret, "appSecret"));
    }

    /** As {@link #of(String, Secret)}, from a plain secret string (e.g. read from a vault). */
    public static ArchiveCredentials of(String appKey, String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("appSecret must not be blank");
        }
        return of(appKey, Secret.of(appSecret));
    }

    public String appKey() {
        return appKey;
    }

    public Secret appSecret() {
        return appSecret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveCredentials c && appKey.equals(c.appKey) && appSecret.equals(c.appSecret);
    }

    @Override
    public int hashCode() {
        return appKey.hashCode();
    }

    @Override
    public String toString() {
        return "ArchiveCredentials{appKey=" + appKey + ", appSecret=******}";
    }
}
