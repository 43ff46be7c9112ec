package io.qiao.jackyun.internal;

import com.fasterxml.jackson.core.JsonFactory;
import io.qiao.client.Interceptor;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.io.IOException;

/**
 * Turns error answers into {@link io.qiao.client.ApiException}s inside the retry loop, so that retry sees
 * them: HTTP errors, unreadable bodies and envelopes whose subCode/code is not success. Successful responses
 * pass through unchanged for the caller to decode.
 */
public final class EnvelopeInterceptor implements Interceptor {
    private final JsonFactory factory;
    private final Redactor redactor;

    public EnvelopeInterceptor(JsonFactory factory, Redactor redactor) {
        this.factory = factory;
        this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        EnvelopeHead head;
        try {
            head = EnvelopeHead.read(factory, response.body());
        } catch (IOException | RuntimeException e) {
            if (!response.isSuccessful()) {
                throw JackyunErrors.fromHttpStatus(request.operation(), response, null, redactor);
            }
            throw JackyunErrors.malformed(request.operation(), response, redactor, e);
        }
        if (!response.isSuccessful()) {
            throw JackyunErrors.fromHttpStatus(request.operation(), response, head, redactor);
        }
        if (!head.isSuccess()) {
            throw JackyunErrors.fromEnvelope(request.operation(), response.status(), head);
        }
        return response;
    }
}
