package io.qiao.jackyun.internal;

import com.fasterxml.jackson.core.JsonFactory;
import io.qiao.client.Interceptor;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Turns error answers into {@link io.qiao.client.ApiException}s inside the retry loop, so that retry sees
 * them: HTTP errors, unreadable bodies and envelopes whose subCode/code is not success. Successful responses
 * pass through unchanged for the caller to decode, except during {@link #reading}: then the envelope check
 * and the binding of the page's records are one pass over the body, the records kept for the caller.
 */
public final class EnvelopeInterceptor implements Interceptor {
    private final JsonFactory factory;
    private final Redactor redactor;
    /**
     * The page the current thread's call wants read. The pipeline runs a call, retries included, on the
     * calling thread, and the Request cannot carry it.
     */
    private final ThreadLocal<PageRead<?>> reading = new ThreadLocal<>();

    public EnvelopeInterceptor(JsonFactory factory, Redactor redactor) {
        this.factory = factory;
        this.redactor = redactor;
    }

    /** Runs {@code call} on this thread with {@code page} read by the envelope check of each attempt. */
    <T> StreamingPage.Result<T> reading(PageRead<T> page, Supplier<Response> call) {
        PageRead<?> outer = reading.get();
        reading.set(page);
        try {
            call.get();
        } finally {
            if (outer == null) {
                reading.remove();
            } else {
                reading.set(outer);
            }
        }
        return page.result();
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        PageRead<?> page = reading.get();
        if (page == null || !response.isSuccessful()) {
            check(request, response);
            return response;
        }
        EnvelopeHead head;
        try {
            head = page.read(response.body());
        } catch (IOException | RuntimeException e) {
            // Rare: decide as the two-step path did, the envelope first, then the records.
            check(request, response);
            if (e instanceof IOException io) {
                throw StreamingPage.decodeFailure(request.operation(), redactor, response.body(), page.type(), io);
            }
            throw (RuntimeException) e;
        }
        verdict(request, response, head);
        return response;
    }

    private void check(Request request, Response response) {
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
        verdict(request, response, head);
    }

    private void verdict(Request request, Response response, EnvelopeHead head) {
        if (head.code() == null && head.subCode() == null) {
            throw JackyunErrors.malformed(request.operation(), response, redactor,
                    new IOException("the body has neither code nor subCode"));
        }
        if (!head.isSuccess()) {
            throw JackyunErrors.fromEnvelope(request.operation(), response.status(), head);
        }
    }
}
