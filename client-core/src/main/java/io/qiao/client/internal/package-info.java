/**
 * The machinery every Qiao client is built on, which users never call or implement: the pipeline and its
 * interceptors for retry, rate limiting, usage events, HTTP status mapping and logging. Public only so that the vendor
 * modules can share it; not part of the API, and it may change in any release. What a user calls or implements
 * ({@link io.qiao.client.Interceptor}, {@link io.qiao.client.HttpTransport}, {@link io.qiao.client.RetryOptions},
 * {@link io.qiao.client.RateLimits}, ...) stays in {@code io.qiao.client}.
 */
package io.qiao.client.internal;
