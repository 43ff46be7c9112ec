package io.qiao.testkit.jackyun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's signature check, written from the vendor's "签名生成说明" (VENDORS.md 2.3) and deliberately
 * not shared with the client's signer, so that each checks the other: every parameter except {@code sign},
 * {@code contextid} and {@code token}, sorted by name, {@code name + value} concatenated between two copies
 * of the secret, the whole lowercased, MD5, lowercase hex.
 */
public final class SimSignature {
    private SimSignature() {
    }

    /** The sign the gateway expects for {@code form}. */
    public static String expected(Map<String, String> form, String appSecret) {
        TreeMap<String, String> sorted = new TreeMap<>();
        form.forEach((k, v) -> {
            if (!k.equals("sign") && !k.equals("contextid") && !k.equals("token")) {
                sorted.put(k, v);
            }
        });
        StringBuilder s = new StringBuilder(appSecret);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            s.append(e.getKey()).append(e.getValue());
        }
        s.append(appSecret);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(s.toString().toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder hex = new StringBuilder(32);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** Whether {@code form} carries the right sign (case-insensitive hex). */
    public static boolean verify(Map<String, String> form, String appSecret) {
        String sign = form.get("sign");
        return sign != null && MessageDigest.isEqual(sign.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                expected(form, appSecret).getBytes(StandardCharsets.US_ASCII));
    }
}
