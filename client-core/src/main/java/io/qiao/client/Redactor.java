package io.qiao.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks the values of sensitive fields in anything Qiao logs or puts in an exception: form fields, headers,
 * query parameters, JSON properties. Names match case-insensitively, ignoring '-' and '_'
 * ({@code app_secret}, {@code appSecret} and {@code APP-SECRET} are one name).
 *
 * <p>It also masks the values it was told to {@link #remember}: a client registers its app secret and every
 * token it obtains, so that a vendor that echoes one in an error message ("invalid sign for secret abc123...")
 * cannot carry it into an exception, a log line or a status file. A remembered value is masked as a whole, in
 * its URL-encoded and Base64 forms, and any run of {@value #FRAGMENT} or more of its characters (a vendor that
 * quotes part of a token); values shorter than {@value #MIN_VALUE} characters cannot be told from ordinary
 * text and are not remembered. {@link #with} shares the remembered values; {@link #defaults()} starts afresh.
 */
public final class Redactor {
    public static final String MASK = "******";
    /** The shortest value {@link #remember} masks. */
    public static final int MIN_VALUE = 4;
    /** The shortest part of a remembered value (of at least {@value #FRAGMENT_SOURCE} characters) that is masked. */
    public static final int FRAGMENT = 8;
    /** Values this long or longer are masked by their parts too. */
    public static final int FRAGMENT_SOURCE = 12;

    private static final Set<String> DEFAULT_NAMES = Set.of(
            "app_secret", "appsecret", "secret", "client_secret", "access_token", "refresh_token", "token",
            "sign", "signature", "authorization", "password", "passwd", "db_password", "app_token",
            "kis_authdata", "x_api_signature", "app_signature", "kis_signature", "cookie", "set_cookie");

    private final Set<String> names;
    private final Pattern jsonPattern;
    private final Pattern formPattern;
    private final Known known;

    private Redactor(Collection<String> names, Known known) {
        this.known = known;
        this.names = names.stream().map(Redactor::normalise).collect(Collectors.toCollection(TreeSet::new));
        // Any key spelled any way: matched loosely, then checked against the normalised set.
        // Possessive quantifiers: a long string value must not recurse once per character (StackOverflowError).
        this.jsonPattern = Pattern.compile("\"([A-Za-z0-9_\\-]++)\"\\s*+:\\s*+(\"(?:[^\"\\\\]++|\\\\.)*+\"|[^,}\\]\\s{\\[]++)");
        this.formPattern = Pattern.compile("(?<=^|[&?\\s])([A-Za-z0-9_\\-]+)=([^&\\s]*)");
    }

    public static Redactor defaults() {
        return new Redactor(DEFAULT_NAMES, new Known());
    }

    /** The defaults plus the caller's own names. */
    public Redactor with(String... more) {
        TreeSet<String> all = new TreeSet<>(names);
        for (String m : more) {
            all.add(normalise(m));
        }
        return new Redactor(all, known);
    }

    /**
     * Remembers a value to mask wherever it appears (an app secret, a token just obtained). Thread-safe; a
     * client calls it for each secret it is built with and each token it receives, and a token that expires is
     * still masked. Null and values shorter than {@value #MIN_VALUE} characters are ignored.
     *
     * @return this redactor
     */
    public Redactor remember(String value) {
        known.add(value);
        return this;
    }

    /** {@link #remember(String)} for a {@link Secret}. */
    public Redactor remember(Secret secret) {
        return secret == null ? this : remember(secret.reveal());
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
        return known.mask(j.toString());
    }

    public String headers(Map<String, List<String>> headers) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        headers.forEach((k, v) -> j.add(k + ": " + (isSensitive(k) ? MASK : String.join(",", v))));
        return known.mask(j.toString());
    }

    /** Masks sensitive JSON properties and form/query parameters found anywhere in free text. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(jsonPattern, text, m -> "\"" + m.group(1) + "\":\"" + MASK + "\"");
        return known.mask(replace(formPattern, out, m -> m.group(1) + "=" + MASK));
    }

    /**
     * A cause that is safe to attach to an exception: {@code cause} itself, or, when its message shows something
     * this redactor masks (Jackson quotes the text it choked on), a {@link QiaoException} stand-in with the masked
     * message and the original stack trace. A cause's message cannot be masked once attached, and stack traces
     * print it.
     */
    public Throwable cause(Throwable cause) {
        if (cause == null || cause instanceof QiaoException) {
            return cause; // a QiaoException is masked by QiaoException.redact
        }
        String m = cause.getMessage();
        String masked = text(m);
        if (m == null || masked.equals(m)) {
            return cause;
        }
        QiaoException standIn = new QiaoException(cause.getClass().getName() + ": " + masked);
        standIn.setStackTrace(cause.getStackTrace());
        return standIn;
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

    /** The remembered values, shared by a redactor and those derived from it with {@link #with}. */
    private static final class Known {
        private final Set<String> whole = ConcurrentHashMap.newKeySet();
        private final Set<String> fragments = ConcurrentHashMap.newKeySet();

        void add(String value) {
            if (value == null || value.length() < MIN_VALUE || !whole.add(value)) {
                return;
            }
            whole.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            whole.add(Base64.getEncoder().encodeToString(bytes));
            whole.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            if (value.length() >= FRAGMENT_SOURCE) {
                for (int i = 0; i + FRAGMENT <= value.length(); i++) {
                    fragments.add(value.substring(i, i + FRAGMENT));
                }
            }
        }

        String mask(String text) {
            if (text == null || text.isEmpty() || whole.isEmpty()) {
                return text;
            }
            boolean[] hit = null;
            for (String v : whole) {
                for (int i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) {
                    hit = mark(hit, text.length(), i, i + v.length());
                }
            }
            if (!fragments.isEmpty()) {
                for (int i = 0; i + FRAGMENT <= text.length(); i++) {
                    if (fragments.contains(text.substring(i, i + FRAGMENT))) {
                        hit = mark(hit, text.length(), i, i + FRAGMENT);
                    }
                }
            }
            if (hit == null) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                if (!hit[i]) {
                    sb.append(text.charAt(i));
                } else if (i == 0 || !hit[i - 1]) {
                    sb.append(MASK); // one mask per run, whatever its length: the length is a hint too
                }
            }
            return sb.toString();
        }

        private static boolean[] mark(boolean[] hit, int length, int from, int to) {
            boolean[] h = hit != null ? hit : new boolean[length];
            java.util.Arrays.fill(h, from, to, true);
            return h;
        }
    }
}
