package io.qiao.sync;

import io.qiao.client.QiaoException;

/** A failure of the sync machinery itself (a store that cannot be read, a conflicting runner). */
public class SyncException extends QiaoException {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
