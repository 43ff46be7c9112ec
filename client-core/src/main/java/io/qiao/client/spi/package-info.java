/**
 * What the vendor modules of Qiao share to build their clients, not what users call: the token cache and the
 * interceptor that attaches a token and sends a request again once after the vendor refused it, and the windowed
 * pager that plans modified-time windows under a vendor's cap and pages each one.
 *
 * <p>Users of a client never need these types; they are public only because the vendor modules live in other
 * packages. They may change between minor versions, like everything named {@code internal}.
 */
package io.qiao.client.spi;
