package io.qiao.testkit.kis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Kingdee gateway signatures, written from VENDORS.md 3.3 independently of any Qiao client (a different
 * encoder, a different hex routine) so that the simulator and the client check each other.
 */
public final class GatewaySignatures {
    private GatewaySignatures() {
    }

    /** {@code Base64(hex(HMAC-SHA256(app_secret, app_key)))}. */
    public static String appSignature(String appKey, String appSecret) {
        return Base64.getEncoder().encodeToString(hexHmac(appSecret, appKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code X-Api-Signature} for a request: {@code rawQuery} is the query string as it came over the wire, and
     * {@code signHeaders} maps the lower-case names of the signed headers to their values.
     */
    public static String apiSignature(String clientSecret, String method, String path, String rawQuery,
                                      Map<String, String> signHeaders) {
        StringBuilder s = new StringBuilder();
        s.append(method.toUpperCase(Locale.ROOT)).append('\n');
        s.append(rfc3986(path)).append('\n');
        s.append(canonicalQuery(rawQuery)).append('\n');
        new TreeMap<>(signHeaders).forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
        return Base64.getEncoder().encodeToString(hexHmac(clientSecret, s.toString()).getBytes(StandardCharsets.UTF_8));
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, String> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + rfc3986(rfc3986(v))));
        return String.join("&", parts);
    }

    /** URLEncoder's form encoding turned into RFC 3986 (space as %20, '*' encoded, '~' kept). */
    static String rfc3986(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String hexHmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] d = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
