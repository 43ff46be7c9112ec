package io.qiao.client;

/** Told of every attempt of every API call: the hook for metrics, dashboards and {@link ApiUsage}. */
@FunctionalInterface
public interface ApiCallListener {
    void onCall(ApiCallEvent event);
}
