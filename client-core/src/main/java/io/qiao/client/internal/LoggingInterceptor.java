package io.qiao.client.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEBUG lines for each request and response, every sensitive field masked by the {@link Redactor}. Errors
 * are not logged here at WARN/ERROR: they are thrown, and the caller decides whether to log them.
 */
public final class LoggingInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger("io.qiao.http");
    private static final int EXCERPT = 2000;

    private final Redactor redactor;

    public LoggingInterceptor(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        if (!log.isDebugEnabled()) {
            return chain.proceed(request);
        }
        log.debug("--> {} {} {} (attempt {}) headers={} body={}", request.operation(), request.method(),
                redactor.text(request.uri().toString()), request.attempt(), redactor.headers(request.headers()),
                describe(request.body()));
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            log.debug("<-- {} HTTP {} in {} ms body={}", request.operation(), response.status(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), redactor.excerpt(response.body(), EXCERPT));
            return response;
        } catch (RuntimeException e) {
            log.debug("<-- {} failed after {} ms: {}", request.operation(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), redactor.text(e.getMessage()));
            throw e;
        }
    }

    private String describe(RequestBody body) {
        if (body == null) {
            return "(none)";
        }
        if (body instanceof RequestBody.Form form) {
            return redactor.form(form.fields());
        }
        return body.text().map(t -> {
            String r = redactor.text(t);
            return r.length() > EXCERPT ? r.substring(0, EXCERPT) + "..." : r;
        }).orElse("(" + body.contentType() + ", " + body.contentLength() + " bytes, streamed)");
    }
}
