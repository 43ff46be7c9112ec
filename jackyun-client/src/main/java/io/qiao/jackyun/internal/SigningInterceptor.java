package io.qiao.jackyun.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stamps each attempt with a fresh Beijing-time {@code timestamp} and its {@code sign}. It runs inside the
 * retry loop, so a retried call is re-signed with a new timestamp instead of replaying a stale one.
 *
 * <p>The timestamp is Asia/Shanghai wall time whatever the host's zone: the gateway compares it with Beijing
 * time and rejects requests from hosts in other zones as expired (VENDORS.md 2.2).
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
            throw new IllegalStateException(request.operation() + ": a Jackyun request must carry a form body");
        }
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.remove("sign");
        fields.put("timestamp", Json.formatDateTime(LocalDateTime.now(clock.withZone(Json.SHANGHAI))));
        fields.put("sign", JackyunSigner.sign(fields, appSecret));
        return chain.proceed(request.toBuilder().body(RequestBody.form(fields)).build());
    }
}
