package io.qiao.kis.internal;

import io.qiao.client.Redactor;

/**
 * What KIS logs and error excerpts must never show, beyond Qiao's defaults: the session secret and auth data of the
 * user-session flow, its refresh token and the one-time OAuth code.
 */
public final class KisRedaction {
    private KisRedaction() {
    }

    public static Redactor redactor() {
        return Redactor.defaults().with("session_secret", "auth_data", "refresh_auth_data_token", "code",
                "KIS-AuthData", "X-Api-Signature", "KIS-Signature");
    }
}
