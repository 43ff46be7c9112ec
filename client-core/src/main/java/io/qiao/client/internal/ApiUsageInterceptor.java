package io.qiao.client.internal;

import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiCallListener;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.TransportException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports each attempt to the listeners. A failing listener is logged, never allowed to fail the call. */
public final class ApiUsageInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(ApiUsageInterceptor.class);

    private final List<ApiCallListener> listeners;

    public ApiUsageInterceptor(List<ApiCallListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            publish(request, ApiCallEvent.Outcome.SUCCESS, start, response.status(), null);
            return response;
        } catch (ApiException e) {
            publish(request, e.isThrottled() ? ApiCallEvent.Outcome.THROTTLED : ApiCallEvent.Outcome.API_ERROR,
                    start, e.httpStatus(), e.vendorCode());
            throw e;
        } catch (TransportException e) {
            publish(request, ApiCallEvent.Outcome.TRANSPORT_ERROR, start, 0, null);
            throw e;
        } catch (DecodeException e) {
            publish(request, ApiCallEvent.Outcome.DECODE_ERROR, start, 0, null);
            throw e;
        } catch (RuntimeException e) {
            publish(request, ApiCallEvent.Outcome.OTHER_ERROR, start, 0, null);
            throw e;
        }
    }

    private void publish(Request request, ApiCallEvent.Outcome outcome, long start, int status, String code) {
        ApiCallEvent event = new ApiCallEvent(request.operation(), outcome, request.attempt(),
                Duration.ofNanos(System.nanoTime() - start), status, code);
        for (ApiCallListener l : listeners) {
            try {
                l.onCall(event);
            } catch (RuntimeException e) {
                log.warn("API call listener {} failed: {}", l, e.toString());
            }
        }
    }
}
