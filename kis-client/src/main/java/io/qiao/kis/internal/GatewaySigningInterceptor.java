package io.qiao.kis.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Adds the {@code X-Api-*} gateway headers and signature to every attempt (a fresh timestamp and nonce each time:
 * the gateway accepts a timestamp for 5 minutes only). It signs the URI as it finally is, so it must run after
 * anything that adds query parameters.
 */
public final class GatewaySigningInterceptor implements Interceptor {
    private final String clientId;
    private final Secret clientSecret;
    private final Clock clock;

    public GatewaySigningInterceptor(String clientId, Secret clientSecret, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) {
        Request r = chain.request();
        String timestamp = Long.toString(clock.millis());
        String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1, 10_000_000_000L));
        String toSign = GatewaySigner.stringToSign(r.method(), r.uri().getPath(),
                GatewaySigner.decodeQuery(r.uri().getRawQuery()), nonce, timestamp);
        return chain.proceed(r.toBuilder()
                .header("X-Api-ClientID", clientId)
                .header("X-Api-Auth-Version", GatewaySigner.AUTH_VERSION)
                .header("X-Api-TimeStamp", timestamp)
                .header("X-Api-Nonce", nonce)
                .header("X-Api-SignHeaders", GatewaySigner.SIGN_HEADERS)
                .header("X-Api-Signature", GatewaySigner.apiSignature(clientSecret, toSign))
                .build());
    }
}
