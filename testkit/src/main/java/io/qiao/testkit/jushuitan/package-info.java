/**
 * A simulator of the 聚水潭 Jushuitan open platform for tests, samples and benchmarks:
 * {@link io.qiao.testkit.jushuitan.JushuitanSimulator}, with a JUnit 5 extension
 * ({@link io.qiao.testkit.jushuitan.JushuitanSimulatorExtension}), a deterministic data set
 * ({@link io.qiao.testkit.jushuitan.JushuitanDataSet}) and fault injection
 * ({@link io.qiao.testkit.jushuitan.JushuitanFaults}). It depends on no Qiao client code.
 */
package io.qiao.testkit.jushuitan;
