package io.qiao.testkit.kis;

/**
 * The credentials a simulator accepts (plain strings: the testkit depends on no Qiao client code).
 *
 * @param clientId        X-Api-ClientID
 * @param clientSecret    the key of X-Api-Signature
 * @param appKey          app_key
 * @param appSecret       the key of app_signature
 * @param routerAddress   the X-GW-Router-Addr (push_app_authorize's {@code domain})
 * @param outerInstanceId what push_app_authorize answers for
 * @param authorizationCode the one-time OAuth code of the user-session flow ({@code client_id} and
 *                          {@code client_secret} are the same as the gateway's)
 */
public record KisSimulatorCredentials(String clientId, String clientSecret, String appKey, String appSecret,
                                      String routerAddress, String outerInstanceId, String authorizationCode) {
    @Override
    public String toString() {
        return "KisSimulatorCredentials{clientId=" + clientId + ", appKey=" + appKey + ", routerAddress="
                + routerAddress + ", outerInstanceId=" + outerInstanceId + "}";
    }
}
