package io.qiao.jushuitan.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stamps each attempt with a fresh {@code timestamp} (Unix seconds) and signs the form. Runs per attempt, so
 * a retried request is never sent with a stale timestamp (code 140) or a stale sign.
 */
public final class SigningInterceptor implements Interceptor {
    private final Secret appSecret;
    private final Clock clock;

    public SigningInterceptor(Secret appSecret, Clock clock) {
        this.appSecret = appSecret;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        if (!(request.body() instanceof RequestBody.Form form)) {
            throw new IllegalStateException(request.operation() + ": Jushuitan requests must be form posts");
        }
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.remove("sign");
        fields.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        fields.put("sign", JstSigner.sign(appSecret.reveal(), fields));
        return chain.proceed(request.toBuilder().body(RequestBody.form(fields)).build());
    }
}
