package io.qiao.kis.internal;

import io.qiao.client.Secret;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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
 * The path and the query line are encoded as Kingdee's own gateway client does ({@code com.smecloud.apigw} 0.1.5,
 * {@code ApigwClient.getPathEncode}/{@code getQueryEncode}, run on the inputs of {@code GatewaySignerTest}):
 * <ul>
 *   <li>{@code gw(s)} keeps {@code A-Z a-z 0-9 - _ . ~}, turns a space into {@code +} and percent-encodes every other
 *       UTF-8 byte in upper case (its {@code GwURLEncoder}); the path line is {@code gw(path)} ({@code /} is
 *       {@code %2F});</li>
 *   <li>each parameter first becomes {@code gw(name) + "=" + URLEncoder.encode(value)} (the JDK form encoder: space
 *       {@code +}, {@code *} kept, {@code ~} {@code %7E}); these strings are sorted as strings (so {@code page2=}
 *       comes before {@code page=}, {@code '2'} being below {@code '='}), and each is encoded once more, name and value
 *       with {@code gw}; the line is empty when there are no parameters.</li>
 * </ul>
 * Three third-party clients (lishye's Python, two more) encode RFC 3986 style instead: space {@code %2520},
 * {@code *} {@code %252A}, {@code ~} kept, names not encoded, sorted by name. The two agree on letters, digits,
 * {@code - _ .} and every other character (all {@code %25XX}), so on every parameter Qiao sends today ({@code app_key},
 * a Base64 {@code app_signature}, {@code uid}, {@code outerInstanceId}, {@code access_token}); they differ only on a
 * space, {@code *}, {@code ~}, an encoded name, or a name that is a prefix of another. There the official client is
 * followed: it is the vendor's own code for its own gateway, and the third-party live test used none of those.
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
        return method + "\n" + gw(path) + "\n" + canonicalQuery(decodedQuery) + "\n"
                + "x-api-nonce:" + nonce + "\n" + "x-api-timestamp:" + timestamp + "\n";
    }

    static String canonicalQuery(Map<String, String> decodedQuery) {
        List<String> once = new ArrayList<>(decodedQuery.size());
        decodedQuery.forEach((k, v) -> once.add(gw(k) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Collections.sort(once);
        StringJoiner j = new StringJoiner("&");
        for (String pair : once) {
            int eq = pair.indexOf('='); // gw(name) has no '=': the first one separates name and value
            j.add(gw(pair.substring(0, eq)) + "=" + gw(pair.substring(eq + 1)));
        }
        return j.toString();
    }

    /** The official client's encoder: unreserved characters kept, a space as {@code +}, upper-case hex. */
    static String gw(String s) {
        return percentEncode(s, true);
    }

    /** Percent-encodes everything but the RFC 3986 unreserved characters, upper-case hex. */
    public static String encode(String s) {
        return percentEncode(s, false);
    }

    private static String percentEncode(String s, boolean spaceAsPlus) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                sb.append('+');
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
