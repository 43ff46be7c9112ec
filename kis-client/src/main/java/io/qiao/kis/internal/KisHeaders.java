package io.qiao.kis.internal;

import io.qiao.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The {@code Kis-State/Kis-Timestamp/Kis-Traceid/Kis-Ver} headers every koas call carries (VENDORS.md 3.2), and the
 * user-session {@code KIS-Signature}.
 */
public final class KisHeaders {
    public static final String VERSION = "1.0";

    private KisHeaders() {
    }

    /** Adds the Kis-* headers with a fresh trace id and a timestamp in unix seconds. */
    public static Request.Builder add(Request.Builder b, String state, String traceId, long epochSeconds) {
        return b.header("Kis-State", state)
                .header("Kis-Timestamp", Long.toString(epochSeconds))
                .header("Kis-Traceid", traceId)
                .header("Kis-Ver", VERSION);
    }

    public static Request.Builder add(Request.Builder b, String state, Clock clock) {
        return add(b, state, UUID.randomUUID().toString(), clock.instant().getEpochSecond());
    }

    /** {@code KIS-Signature = lowercase_hex(SHA256(state + session_id + traceId + session_secret + timestamp))}. */
    public static String kisSignature(String state, String sessionId, String traceId, String sessionSecret,
                                      String timestamp) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((state + sessionId + traceId + sessionSecret + timestamp)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
