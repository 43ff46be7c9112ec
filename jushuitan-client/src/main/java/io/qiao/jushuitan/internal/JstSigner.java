package io.qiao.jushuitan.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open platform's sign: {@code lowercase_hex(md5_utf8(app_secret + k1 + v1 + k2 + v2 ...))} over every
 * form field except {@code sign}, keys in ASCII order, the secret at the front only (VENDORS.md 1.3).
 */
public final class JstSigner {
    private JstSigner() {
    }

    public static String sign(String appSecret, Map<String, String> fields) {
        StringBuilder plain = new StringBuilder(appSecret);
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!"sign".equals(k)) {
                plain.append(k).append(v);
            }
        });
        return md5Hex(plain.toString());
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
