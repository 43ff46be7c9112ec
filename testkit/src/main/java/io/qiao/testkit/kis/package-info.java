/**
 * A stateful simulator of the 金蝶 KIS云 OpenAPI behind the Kingdee gateway ({@link io.qiao.testkit.kis.KisSimulator}):
 * both authentication flows with independently checked signatures, 其他入库单 storage with KIS-style refusals, a
 * material catalogue, fault injection ({@link io.qiao.testkit.kis.KisFault}), a JUnit 5 extension
 * ({@link io.qiao.testkit.kis.KisSimulatorExtension}) and a {@link io.qiao.testkit.ManualClock} to share with the
 * client under test.
 */
package io.qiao.testkit.kis;
