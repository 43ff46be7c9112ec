package io.qiao.kis;

import io.qiao.client.Secret;

/**
 * The credentials of a {@link KisClient}, one of KIS's two authentication flows:
 * <ul>
 *   <li>the API gateway app-token flow (VENDORS.md 3.3, path B): {@link #gateway(String, Secret, String, Secret,
 *       String)} or {@link #gatewayBuilder()}, a {@link KisGatewayCredentials};</li>
 *   <li>the user-session flow (3.2, path A): {@link #sessionBuilder()}, a {@link KisSessionCredentials}.</li>
 * </ul>
 * Business calls look the same either way. Every variant is immutable and masks its secrets in {@code toString()}.
 *
 * <pre>{@code
 * KisClient kis = KisClient.builder()
 *     .credentials(KisCredentials.gateway(clientId, Secret.of(clientSecret), appKey, Secret.of(appSecret), domain))
 *     .build();
 * }</pre>
 *
 * <p>Sealed over the two existing types rather than replacing them: code that names {@code KisGatewayCredentials}
 * or {@code KisSessionCredentials} keeps compiling, and the client can tell the flows apart exhaustively.
 */
public sealed interface KisCredentials permits KisGatewayCredentials, KisSessionCredentials {
    /** The gateway flow with everything known up front; the router address is the account's {@code domain}. */
    static KisGatewayCredentials gateway(String clientId, Secret clientSecret, String appKey, Secret appSecret,
                                         String routerAddress) {
        return KisGatewayCredentials.of(clientId, clientSecret, appKey, appSecret, routerAddress);
    }

    /** The gateway flow part by part, e.g. with an {@code outerInstanceId} to discover the router address. */
    static KisGatewayCredentials.Builder gatewayBuilder() {
        return KisGatewayCredentials.builder();
    }

    /** The user-session flow: the app, the OAuth code a KIS user's authorisation produced, and the 账套. */
    static KisSessionCredentials.Builder sessionBuilder() {
        return KisSessionCredentials.builder();
    }

    /** The gateway client's (or, in the session flow, the app's) {@code client_id}. */
    String clientId();
}
