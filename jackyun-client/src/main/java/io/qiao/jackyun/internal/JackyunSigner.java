package io.qiao.jackyun.internal;

import io.qiao.client.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Jackyun open-platform signature (VENDORS.md 2.3):
 * {@code lowercase_hex(md5(lower(secret + Σ_sorted(key + value) + secret)))}.
 *
 * <p>The whole concatenation is lowercased, JSON values included, so {@code {"pageIndex":0}} is signed as
 * {@code {"pageindex":0}} while the sent bizcontent keeps its case. {@code sign}, {@code contextid} and the
 * ISV {@code token} are not signed; null values are skipped (they are never sent either).
 */
public final class JackyunSigner {
    /** Parameters the gateway leaves out of the signature. */
    public static final Set<String> UNSIGNED = Set.of("sign", "contextid", "token");

    private JackyunSigner() {
    }

    public static String sign(Map<String, String> params, Secret secret) {
        String s = secret.reveal();
        StringBuilder text = new StringBuilder(s.length() * 2 + 256).append(s);
        new TreeMap<>(params).forEach((key, value) -> {
            if (value != null && !UNSIGNED.contains(key)) {
                text.append(key).append(value);
            }
        });
        text.append(s);
        return md5Hex(text.toString().toLowerCase(Locale.ROOT));
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
