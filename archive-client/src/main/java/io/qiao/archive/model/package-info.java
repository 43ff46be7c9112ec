/**
 * Value types of the archive client: record metadata as business systems hold it, the structured 档号
 * ({@link io.qiao.archive.model.ArchiveNo}), retention periods and security levels normalised to enums, files and
 * their digitisation facts, and the per-file result of a push.
 */
package io.qiao.archive.model;
