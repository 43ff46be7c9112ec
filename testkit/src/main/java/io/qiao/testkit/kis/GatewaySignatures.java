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
     * {@code X-Api-Signature} for a request as Kingdee's own gateway client ({@code com.smecloud.apigw} 0.1.5)
     * computes it: {@code rawQuery} is the query string as it came over the wire, and {@code signHeaders} maps the
     * lower-case names of the signed headers to their values.
     */
    public static String apiSignature(String clientSecret, String method, String path, String rawQuery,
                                      Map<String, String> signHeaders) {
        return sign(clientSecret, method, kingdee(path), canonicalQuery(rawQuery), signHeaders);
    }

    /**
     * The same signature with the RFC 3986 encoding three third-party clients use (space {@code %20}, {@code *}
     * encoded, {@code ~} kept, names as they are, sorted by name). It equals {@link #apiSignature} unless the query
     * holds a space, {@code *}, {@code ~}, an encoded name or a name that prefixes another.
     */
    public static String rfc3986ApiSignature(String clientSecret, String method, String path, String rawQuery,
                                             Map<String, String> signHeaders) {
        return sign(clientSecret, method, rfc3986(path), rfc3986Query(rawQuery), signHeaders);
    }

    private static String sign(String clientSecret, String method, String pathLine, String queryLine,
                               Map<String, String> signHeaders) {
        StringBuilder s = new StringBuilder();
        s.append(method.toUpperCase(Locale.ROOT)).append('\n');
        s.append(pathLine).append('\n');
        s.append(queryLine).append('\n');
        new TreeMap<>(signHeaders).forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
        return Base64.getEncoder().encodeToString(hexHmac(clientSecret, s.toString()).getBytes(StandardCharsets.UTF_8));
    }

    /** Kingdee's client: "kingdee(name)=formEncode(value)" strings, sorted as strings, each part encoded once more. */
    static String canonicalQuery(String rawQuery) {
        List<String> once = new ArrayList<>();
        decode(rawQuery).forEach(kv -> once.add(kingdee(kv[0]) + "=" + URLEncoder.encode(kv[1], StandardCharsets.UTF_8)));
        once.sort(null);
        List<String> parts = new ArrayList<>();
        for (String p : once) {
            String[] kv = p.split("=", 2);
            parts.add(kingdee(kv[0]) + "=" + kingdee(kv[1]));
        }
        return String.join("&", parts);
    }

    static String rfc3986Query(String rawQuery) {
        TreeMap<String, String> params = new TreeMap<>();
        decode(rawQuery).forEach(kv -> params.put(kv[0], kv[1]));
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + rfc3986(rfc3986(v))));
        return String.join("&", parts);
    }

    private static List<String[]> decode(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            out.add(new String[] {URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""});
        }
        return out;
    }

    /** Kingdee's GwURLEncoder: the JDK form encoder with '*' encoded and '~' kept (space stays '+'). */
    static String kingdee(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
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
