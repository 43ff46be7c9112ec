/**
 * Types shared by Qiao's vendor modules; not for application code; may change between minor versions.
 */
package io.qiao.client.spi;
