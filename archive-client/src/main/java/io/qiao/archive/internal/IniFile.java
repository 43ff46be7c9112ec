package io.qiao.archive.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An INI file read the way Python's {@code configparser} reads it, because the files come from Python scripts:
 * {@code [section]} headers, {@code key = value} or {@code key: value}, keys case-insensitive, values trimmed,
 * full-line comments starting with {@code #} or {@code ;} (inline text after a value is part of the value), indented
 * continuation lines, a {@code [DEFAULT]} section visible in all others, and {@code %(name)s} interpolation with
 * {@code %%} for a literal percent sign.
 *
 * <p>More lenient than configparser where old files need it: a UTF-8 byte-order mark is skipped, files that are not
 * UTF-8 are read as GB18030 (files saved by Chinese Windows editors), and a line without {@code =} or {@code :}
 * inside a section is skipped and reported by {@link #ignoredLines()} instead of failing: copies of the old
 * integration guide lost the {@code #} of their Chinese comment lines ({@code 同步时间间隔(秒)}).
 */
public final class IniFile {
    /** A value and where it was written, for error messages. */
    public record Entry(String value, String source, int line) {
        public String location() {
            return source + " line " + line;
        }
    }

    /** A line that was skipped because it is neither a comment, a header nor a key-value pair. */
    public record IgnoredLine(String source, int line, String text) {
    }

    private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
    private final List<IgnoredLine> ignored = new ArrayList<>();

    public static IniFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + path, e);
        }
        IniFile ini = new IniFile();
        ini.merge(decode(bytes), path.toString());
        return ini;
    }

    public static IniFile parse(String text, String source) {
        IniFile ini = new IniFile();
        ini.merge(text, source);
        return ini;
    }

    /** Adds another file's content; its values override this one's (like configparser's {@code read([a, b])}). */
    public IniFile merge(IniFile other) {
        other.sections.forEach((name, entries) -> sections.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(entries));
        ignored.addAll(other.ignored);
        return this;
    }

    public List<IgnoredLine> ignoredLines() {
        return List.copyOf(ignored);
    }

    public List<String> sections() {
        return sections.keySet().stream().filter(s -> !s.equals("DEFAULT")).toList();
    }

    /** The keys of a section (lower case, as read), in file order; empty when the section is absent. */
    public List<String> keys(String section) {
        return List.copyOf(sections.getOrDefault(section, Map.of()).keySet());
    }

    /** The raw entry of {@code key} in {@code section} (or in {@code [DEFAULT]}), interpolated. */
    public Optional<Entry> entry(String section, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        Entry e = sections.getOrDefault(section, Map.of()).get(k);
        if (e == null) {
            e = sections.getOrDefault("DEFAULT", Map.of()).get(k);
        }
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new Entry(interpolate(section, e, 0), e.source(), e.line()));
    }

    public Optional<String> get(String section, String key) {
        return entry(section, key).map(Entry::value);
    }

    private void merge(String text, String source) {
        Map<String, Map<String, Entry>> local = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty()) {
                lastKey = null;
                continue;
            }
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (indented && section != null && lastKey != null) { // continuation of a multi-line value
                Entry prev = local.get(section).get(lastKey);
                local.get(section).put(lastKey, new Entry(prev.value() + "\n" + line, source, prev.line()));
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                if (local.containsKey(section)) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": section [" + section
                            + "] appears twice");
                }
                local.put(section, new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int delimiter = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (delimiter <= 0) {
                ignored.add(new IgnoredLine(source, lineNo, line));
                lastKey = null;
                continue;
            }
            if (section == null) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": '" + line
                        + "' comes before any [section] header");
            }
            String key = line.substring(0, delimiter).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(delimiter + 1).strip();
            if (local.get(section).containsKey(key)) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": key '" + key + "' appears twice in ["
                        + section + "] (first at line " + local.get(section).get(key).line() + ")");
            }
            local.get(section).put(key, new Entry(value, source, lineNo));
            lastKey = key;
        }
        local.forEach((name, entries) -> sections.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(entries));
    }

    private String interpolate(String section, Entry e, int depth) {
        String v = e.value();
        if (v.indexOf('%') < 0) {
            return v;
        }
        if (depth > 10) {
            throw new IllegalArgumentException(e.location() + ": interpolation nests too deeply (a %(name)s loop?)");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 1 < v.length() && v.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (c == '%' && i + 1 < v.length() && v.charAt(i + 1) == '(') {
                int close = v.indexOf(")s", i);
                if (close < 0) {
                    throw new IllegalArgumentException(e.location() + ": unterminated %(name)s in '" + v + "'");
                }
                String name = v.substring(i + 2, close).toLowerCase(Locale.ROOT);
                Entry ref = sections.getOrDefault(section, Map.of()).get(name);
                if (ref == null) {
                    ref = sections.getOrDefault("DEFAULT", Map.of()).get(name);
                }
                if (ref == null) {
                    throw new IllegalArgumentException(e.location() + ": %(" + name + ")s refers to a key that is not in ["
                            + section + "] or [DEFAULT]");
                }
                out.append(interpolate(section, ref, depth + 1));
                i = close + 1;
            } else {
                out.append(c); // a lone '%' is kept (configparser would refuse it)
            }
        }
        return out.toString();
    }

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, Charset.forName("GB18030"));
        }
    }
}
