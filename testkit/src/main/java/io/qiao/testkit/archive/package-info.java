/**
 * A stateful simulator of the 文书档案 archive system's REST API ({@link io.qiao.testkit.archive.ArchiveSimulator})
 * with fault injection ({@link io.qiao.testkit.archive.ArchiveFaults}) and a JUnit 5 extension
 * ({@link io.qiao.testkit.archive.ArchiveSimulatorExtension}); and of its SOAP web service
 * ({@link io.qiao.testkit.archive.ArchiveSoapSimulator}, WSDL {@code archive-service.wsdl}), same data model and faults.
 */
package io.qiao.testkit.archive;
