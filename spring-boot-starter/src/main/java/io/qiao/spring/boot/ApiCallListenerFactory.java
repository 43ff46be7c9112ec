package io.qiao.spring.boot;

import io.qiao.client.ApiCallListener;

/**
 * Makes the {@link ApiCallListener} a client of one vendor reports its calls to. Every bean of this type is asked
 * once per client the starter builds; the Micrometer one tags each call with the vendor.
 */
@FunctionalInterface
public interface ApiCallListenerFactory {
    /** @param vendor {@code jackyun}, {@code jushuitan}, {@code kis} or {@code archive} */
    ApiCallListener forVendor(String vendor);
}
