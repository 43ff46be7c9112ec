package io.qiao.jushuitan;

import io.qiao.client.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The open-platform app's {@code app_key} and {@code app_secret} (which signs every request), and optionally an
 * access token obtained elsewhere. Immutable; {@code toString()} masks every secret.
 *
 * <pre>{@code
 * JushuitanClient.builder().credentials(JushuitanCredentials.of("your_app_key", Secret.fromEnv("JST_APP_SECRET")))
 * }</pre>
 */
public final class JushuitanCredentials {
    private final String appKey;
    private final Secret appSecret;
    private final Secret accessToken;

    private JushuitanCredentials(Builder b) {
        this.appKey = b.appKey;
        this.appSecret = b.appSecret;
        this.accessToken = b.accessToken;
    }

    /** The common case: the client obtains and renews its tokens itself. */
    public static JushuitanCredentials of(String appKey, Secret appSecret) {
        return builder().appKey(appKey).appSecret(appSecret).build();
    }

    /** As {@link #of(String, Secret)}, from a plain secret string (e.g. read from a vault). */
    public static JushuitanCredentials of(String appKey, String appSecret) {
        return of(appKey, secret(appSecret, "appSecret"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these credentials, to change one part. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.appKey = appKey;
        b.appSecret = appSecret;
        b.accessToken = accessToken;
        return b;
    }

    public String appKey() {
        return appKey;
    }

    public Secret appSecret() {
        return appSecret;
    }

    /** A fixed token used as is and never renewed, when one was given; see {@link Builder#accessToken(Secret)}. */
    public Optional<Secret> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JushuitanCredentials c && appKey.equals(c.appKey) && appSecret.equals(c.appSecret)
                && Objects.equals(accessToken, c.accessToken);
    }

    @Override
    public int hashCode() {
        return appKey.hashCode();
    }

    @Override
    public String toString() {
        return "JushuitanCredentials{appKey=" + appKey + ", appSecret=******"
                + (accessToken != null ? ", accessToken=******" : "") + "}";
    }

    private static Secret secret(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return Secret.of(value);
    }

    /** Builds {@link JushuitanCredentials}; {@link #build()} names every missing part. */
    public static final class Builder {
        private String appKey;
        private Secret appSecret;
        private Secret accessToken;

        private Builder() {
        }

        public Builder appKey(String appKey) {
            if (appKey == null || appKey.isBlank()) {
                throw new IllegalArgumentException("appKey must not be blank");
            }
            this.appKey = appKey;
            return this;
        }

        public Builder appSecret(Secret appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        /**
         * A token obtained elsewhere, used as is and never renewed: a code-100 answer then fails with a clear
         * error. Prefer a {@link JushuitanClient.Builder#tokenStore(TokenStore)}, with which the client renews
         * tokens itself.
         */
        public Builder accessToken(Secret accessToken) {
            this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
            return this;
        }

        /** The names of the parts still missing, empty when {@link #build()} would succeed. */
        List<String> missing() {
            List<String> missing = new ArrayList<>();
            if (appKey == null) missing.add("appKey");
            if (appSecret == null) missing.add("appSecret");
            return missing;
        }

        boolean isEmpty() {
            return appKey == null && appSecret == null && accessToken == null;
        }

        public JushuitanCredentials build() {
            List<String> missing = missing();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Jushuitan credentials are incomplete: " + String.join(" and ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " missing");
            }
            return new JushuitanCredentials(this);
        }
    }
}
