package io.qiao.kis;

import io.qiao.client.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Credentials of the Kingdee API gateway "connector" flow (VENDORS.md 3.3, path B): the gateway client
 * ({@code X-Api-ClientID} and the secret that signs every request) and the app ({@code app_key} and the secret that
 * signs {@code app_signature}). KIS answers with an {@code app-token}, sent as {@code KIS-AuthData} together with the
 * account's router address ({@code X-GW-Router-Addr}).
 *
 * <p>The router address is the {@code domain} that {@code push_app_authorize} reports for the account. Give it
 * directly, or give the {@code outerInstanceId} and Qiao asks {@code push_app_authorize} for it (and for the app key
 * and secret, when they are not given).
 *
 * <p>One of the two {@link KisCredentials}: obtain it with {@link KisCredentials#gateway} or
 * {@link KisCredentials#gatewayBuilder()}. Immutable; {@code toString()} masks both secrets.
 */
public final class KisGatewayCredentials implements KisCredentials {
    private final String clientId;
    private final Secret clientSecret;
    private final String appKey;
    private final Secret appSecret;
    private final String routerAddress;
    private final String outerInstanceId;
    private final String uid;

    private KisGatewayCredentials(Builder b) {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.appKey = b.appKey;
        this.appSecret = b.appSecret;
        this.routerAddress = b.routerAddress;
        this.outerInstanceId = b.outerInstanceId;
        this.uid = b.uid;
    }

    /** The common case: everything known up front. */
    public static KisGatewayCredentials of(String clientId, Secret clientSecret, String appKey, Secret appSecret,
                                           String routerAddress) {
        return builder().clientId(clientId).clientSecret(clientSecret).appKey(appKey).appSecret(appSecret)
                .routerAddress(routerAddress).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String clientId() {
        return clientId;
    }

    public Secret clientSecret() {
        return clientSecret;
    }

    /** Null when it is to be discovered through {@code push_app_authorize}. */
    public String appKey() {
        return appKey;
    }

    public Secret appSecret() {
        return appSecret;
    }

    public String routerAddress() {
        return routerAddress;
    }

    public String outerInstanceId() {
        return outerInstanceId;
    }

    /** The optional {@code uid} parameter of {@code kingdee_auth_token}, or null. */
    public String uid() {
        return uid;
    }

    @Override
    public String toString() {
        return "KisGatewayCredentials{clientId=" + clientId + ", appKey=" + appKey + ", routerAddress=" + routerAddress
                + ", outerInstanceId=" + outerInstanceId + ", secrets=******}";
    }

    public static final class Builder {
        private String clientId;
        private Secret clientSecret;
        private String appKey;
        private Secret appSecret;
        private String routerAddress;
        private String outerInstanceId;
        private String uid;

        private Builder() {
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(Secret clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder appKey(String appKey) {
            this.appKey = appKey;
            return this;
        }

        public Builder appSecret(Secret appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        public Builder routerAddress(String routerAddress) {
            this.routerAddress = routerAddress;
            return this;
        }

        public Builder outerInstanceId(String outerInstanceId) {
            this.outerInstanceId = outerInstanceId;
            return this;
        }

        public Builder uid(String uid) {
            this.uid = uid;
            return this;
        }

        /** Fails naming every missing setting. */
        public KisGatewayCredentials build() {
            List<String> missing = new ArrayList<>();
            if (blank(clientId)) missing.add("clientId");
            if (clientSecret == null) missing.add("clientSecret");
            boolean discover = !blank(outerInstanceId);
            if (!discover) {
                if (blank(appKey)) missing.add("appKey");
                if (appSecret == null) missing.add("appSecret");
                if (blank(routerAddress)) missing.add("routerAddress (or outerInstanceId to discover it)");
            } else if (blank(appKey) != (appSecret == null)) {
                missing.add(blank(appKey) ? "appKey (appSecret is set)" : "appSecret (appKey is set)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("KIS gateway credentials incomplete: missing " + String.join(", ", missing));
            }
            return new KisGatewayCredentials(this);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KisGatewayCredentials c && Objects.equals(clientId, c.clientId)
                && Objects.equals(appKey, c.appKey) && Objects.equals(routerAddress, c.routerAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, appKey, routerAddress);
    }
}
