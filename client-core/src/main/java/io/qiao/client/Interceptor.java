package io.qiao.client;

/**
 * One piece of cross-cutting behaviour (signing, tokens, rate limiting, retry, logging, metrics) wrapped
 * around the call. An interceptor may change the request, call {@link Chain#proceed} zero or more times,
 * and inspect or replace the response.
 */
@FunctionalInterface
public interface Interceptor {
    Response intercept(Chain chain);

    interface Chain {
        Request request();

        /** Passes the request to the next interceptor, or to the transport after the last one. */
        Response proceed(Request request);
    }
}
