/** Implementation details of the archive client (interceptors, multipart upload, INI parsing); not an API. */
package io.qiao.archive.internal;
