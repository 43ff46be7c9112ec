package io.qiao.kis;

import io.qiao.client.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials of the KIS云 user-session flow (VENDORS.md 3.2, path A): an app ({@code client_id}/{@code client_secret})
 * that a KIS user authorised, the one-time OAuth {@code code} that authorisation produced, and the 账套 to work in
 * ({@code acctnumber}, product {@code pid}, {@code icrmid}). Qiao exchanges the code once, then keeps the session
 * alive with the refresh calls; a new code is needed only when the session itself has lapsed.
 *
 * <p>One of the two {@link KisCredentials}: obtain it with {@link KisCredentials#sessionBuilder()}. Immutable;
 * {@code toString()} masks the client secret and the code.
 */
public final class KisSessionCredentials implements KisCredentials {
    private final String clientId;
    private final Secret clientSecret;
    private final Secret authorizationCode;
    private final String accountNumber;
    private final String productId;
    private final String icrmId;

    private KisSessionCredentials(Builder b) {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.authorizationCode = b.authorizationCode;
        this.accountNumber = b.accountNumber;
        this.productId = b.productId;
        this.icrmId = b.icrmId;
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

    public Secret authorizationCode() {
        return authorizationCode;
    }

    public String accountNumber() {
        return accountNumber;
    }

    public String productId() {
        return productId;
    }

    public String icrmId() {
        return icrmId;
    }

    @Override
    public String toString() {
        return "KisSessionCredentials{clientId=" + clientId + ", accountNumber=" + accountNumber + ", productId="
                + productId + ", icrmId=" + icrmId + ", secrets=******}";
    }

    public static final class Builder {
        private String clientId;
        private Secret clientSecret;
        private Secret authorizationCode;
        private String accountNumber;
        private String productId;
        private String icrmId;

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

        public Builder authorizationCode(Secret authorizationCode) {
            this.authorizationCode = authorizationCode;
            return this;
        }

        public Builder accountNumber(String accountNumber) {
            this.accountNumber = accountNumber;
            return this;
        }

        public Builder productId(String productId) {
            this.productId = productId;
            return this;
        }

        public Builder icrmId(String icrmId) {
            this.icrmId = icrmId;
            return this;
        }

        public KisSessionCredentials build() {
            List<String> missing = new ArrayList<>();
            if (clientId == null || clientId.isBlank()) missing.add("clientId");
            if (clientSecret == null) missing.add("clientSecret");
            if (authorizationCode == null) missing.add("authorizationCode");
            if (accountNumber == null || accountNumber.isBlank()) missing.add("accountNumber");
            if (productId == null || productId.isBlank()) missing.add("productId");
            if (icrmId == null || icrmId.isBlank()) missing.add("icrmId");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("KIS session credentials incomplete: missing " + String.join(", ", missing));
            }
            return new KisSessionCredentials(this);
        }
    }
}
