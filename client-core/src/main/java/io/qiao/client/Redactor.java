package io.qiao.client;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks the values of sensitive fields in anything Qiao logs or puts in an exception: form fields, headers,
 * query parameters, JSON properties. Names match case-insensitively, ignoring '-' and '_'
 * ({@code app_secret}, {@code appSecret} and {@code APP-SECRET} are one name).
 */
public final class Redactor {
    public static final String MASK = "******";

    private static final Set<String> DEFAULT_NAMES = Set.of(
            "app_secret", "appsecret", "secret", "client_secret", "access_token", "refresh_token", "token",
            "sign", "signature", "authorization", "password", "passwd", "db_password", "app_token",
            "kis_authdata", "x_api_signature", "app_signature", "kis_signature", "cookie", "set_cookie");

    private final Set<String> names;
    private final Pattern jsonPattern;
    private final Pattern formPattern;

    private Redactor(Collection<String> names) {
        this.names = names.stream().map(Redactor::normalise).collect(Collectors.toCollection(TreeSet::new));
        // Any key spelled any way: matched loosely, then checked against the normalised set.
        // Possessive quantifiers: a long string value must not recurse once per character (StackOverflowError).
        this.jsonPattern = Pattern.compile("\"([A-Za-z0-9_\\-]++)\"\\s*+:\\s*+(\"(?:[^\"\\\\]++|\\\\.)*+\"|[^,}\\]\\s{\\[]++)");
        this.formPattern = Pattern.compile("(?<=^|[&?\\s])([A-Za-z0-9_\\-]+)=([^&\\s]*)");
    }

    public static Redactor defaults() {
        return new Redactor(DEFAULT_NAMES);
    }

    /** The defaults plus the caller's own names. */
    public Redactor with(String... more) {
        TreeSet<String> all = new TreeSet<>(names);
        for (String m : more) {
            all.add(normalise(m));
        }
        return new Redactor(all);
    }

    public boolean isSensitive(String name) {
        return name != null && names.contains(normalise(name));
    }

    public String value(String name, String value) {
        return isSensitive(name) ? MASK : value;
    }

    /** {@code a=1&sign=******} in the fields' order. */
    public String form(Map<String, String> fields) {
        StringJoiner j = new StringJoiner("&");
        // A non-sensitive field may still carry JSON with secrets inside (Jushuitan's biz, Jackyun's bizcontent).
        fields.forEach((k, v) -> j.add(k + "=" + (isSensitive(k) ? MASK : text(v))));
        return j.toString();
    }

    public String headers(Map<String, List<String>> headers) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        headers.forEach((k, v) -> j.add(k + ": " + (isSensitive(k) ? MASK : String.join(",", v))));
        return j.toString();
    }

    /** Masks sensitive JSON properties and form/query parameters found anywhere in free text. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(jsonPattern, text, m -> "\"" + m.group(1) + "\":\"" + MASK + "\"");
        return replace(formPattern, out, m -> m.group(1) + "=" + MASK);
    }

    /** A redacted excerpt of at most {@code max} characters, for exception messages and logs. */
    public String excerpt(byte[] body, int max) {
        if (body == null || body.length == 0) {
            return "";
        }
        int len = Math.min(body.length, max * 4); // never decode a huge body just to cut it
        String s = text(new String(body, 0, len, StandardCharsets.UTF_8).replaceAll("\\s+", " "));
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    private String replace(Pattern p, String text, java.util.function.Function<Matcher, String> masked) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(isSensitive(m.group(1)) ? masked.apply(m) : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
