/**
 * A simulator of the 吉客云 Jackyun open-platform gateway ({@link io.qiao.testkit.jackyun.JackyunSimulator}),
 * its deterministic data set ({@link io.qiao.testkit.jackyun.JackyunDataSet}), injectable faults
 * ({@link io.qiao.testkit.jackyun.JackyunFault}) and a JUnit 5 extension. It depends on no Qiao client code:
 * its signature check ({@link io.qiao.testkit.jackyun.SimSignature}) is written from the vendor's description,
 * so that it and the client's signer check each other.
 */
package io.qiao.testkit.jackyun;
