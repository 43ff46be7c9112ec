package io.qiao.client;

/**
 * The root of every exception Qiao throws on purpose. Unchecked: a caller catches the subtype it can act on
 * ({@link ApiException} when the vendor answered, {@link TransportException} when nobody did,
 * {@link DecodeException} when the answer could not be read).
 *
 * <p>Messages never contain secrets, access tokens or signatures.
 */
public class QiaoException extends RuntimeException {
    public QiaoException(String message) {
        super(message);
    }

    public QiaoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same call later may succeed. Subclasses decide; a plain QiaoException is not. */
    public boolean isRetryable() {
        return false;
    }
}
