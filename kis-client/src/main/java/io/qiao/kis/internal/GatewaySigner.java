package io.qiao.kis.internal;

import io.qiao.client.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Kingdee API gateway signatures (VENDORS.md 3.3), as pure functions so that the published vectors pin them.
 *
 * <pre>
 * app_signature   = Base64( hex( HMAC-SHA256(key = app_secret,    msg = app_key) ) )
 * X-Api-Signature = Base64( hex( HMAC-SHA256(key = client_secret, msg = S) ) )
 * S = METHOD \n encode(path) \n query \n x-api-nonce:N \n x-api-timestamp:T \n
 * </pre>
 *
 * {@code encode} keeps only {@code A-Z a-z 0-9 - _ . ~} and percent-encodes every other UTF-8 byte in upper case
 * (so {@code /} becomes {@code %2F}); in {@code query} the parameters are sorted by name, names are left as they are
 * and values are encoded twice; the line is empty when there are no parameters.
 */
public final class GatewaySigner {
    public static final String AUTH_VERSION = "2.0";
    /** The signed headers, as the gateway doc's table lists them; the lines are built nonce first, as required. */
    public static final String SIGN_HEADERS = "X-Api-TimeStamp,X-Api-Nonce";

    private GatewaySigner() {
    }

    public static String appSignature(String appKey, Secret appSecret) {
        return base64Hex(hmacSha256(appSecret.reveal(), appKey));
    }

    public static String apiSignature(Secret clientSecret, String stringToSign) {
        return base64Hex(hmacSha256(clientSecret.reveal(), stringToSign));
    }

    /** {@code S} for a request whose query parameters are given decoded (as the server will see them). */
    public static String stringToSign(String method, String path, Map<String, String> decodedQuery, String nonce,
                                      String timestamp) {
        return method + "\n" + encode(path) + "\n" + canonicalQuery(decodedQuery) + "\n"
                + "x-api-nonce:" + nonce + "\n" + "x-api-timestamp:" + timestamp + "\n";
    }

    static String canonicalQuery(Map<String, String> decodedQuery) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(decodedQuery).forEach((k, v) -> j.add(k + "=" + encode(encode(v))));
        return j.toString();
    }

    /** Percent-encodes everything but the RFC 3986 unreserved characters, upper-case hex. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Splits a raw (encoded) query string into decoded name/value pairs; a repeated name keeps its last value. */
    public static Map<String, String> decodeQuery(String rawQuery) {
        Map<String, String> out = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The query string to put on the wire: names and values encoded once, in the given order. */
    public static String encodeQuery(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(encode(k) + "=" + encode(v)));
        return String.join("&", parts);
    }

    private static byte[] hmacSha256(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base64Hex(byte[] mac) {
        return Base64.getEncoder().encodeToString(HexFormat.of().formatHex(mac).getBytes(StandardCharsets.US_ASCII));
    }
}
