/** Signing, authentication, the answer envelope and JSON codecs of the KIS client. Not an API: free to change. */
package io.qiao.kis.internal;
