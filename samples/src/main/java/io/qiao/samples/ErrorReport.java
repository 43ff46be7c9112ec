package io.qiao.samples;

import io.qiao.console.RunHistory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import io.qiao.sync.store.DeadLetter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code qiao report --errors}: the errors of a period grouped by pattern, the most frequent first, each with its
 * count, one example and where it was seen. What the guide's {@code analyze_logs.py} did with its error logs, over
 * what Qiao keeps instead: the API-call log (failed attempts), the dead letters (each reason) and the run history
 * (failed runs). Unlike the script, the period is judged by each entry's own time, not by the name of the file it is in.
 *
 * <p>A pattern is the message with what varies from one occurrence to the next normalised away: URLs, UUIDs,
 * timestamps and dates, file paths, quoted values, identifiers that contain digits (档号, order numbers) and numbers;
 * an HTTP status stays, since it tells failures apart. Examples are redacted like every other message of the CLI.
 */
final class ErrorReport {
    static final int TOP = 10;

    /** One error as found: when, in which log, and its message. {@code freeText} messages are normalised. */
    record Occurrence(Instant at, String source, String message, boolean freeText) {
    }

    /** Occurrences that share a pattern. */
    record Group(String pattern, long count, String example, Instant lastSeen, List<String> sources) {
    }

    /** The period, how many errors it had, and its most frequent patterns. */
    record Result(Instant from, Instant to, long total, int patterns, List<Group> top) {
    }

    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"<>]+");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?"
            + "(?:Z|[+-]\\d{2}:?\\d{2})?)?|\\b\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b");
    private static final Pattern PATH = Pattern.compile("(?:\\b[A-Za-z]:)?(?:[\\\\/][^\\s\\\\/'\"(),;:\\[\\]<>]+){2,}[\\\\/]?");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    private static final Pattern HTTP_STATUS = Pattern.compile("(?i)\\bHTTP (\\d{3})\\b");
    private static final Pattern WITH_DIGIT = Pattern.compile("[\\p{L}\\d_.#-]*\\d[\\p{L}\\d_.#-]*");

    private ErrorReport() {
    }

    /** The message with what varies between occurrences replaced by placeholders. */
    static String pattern(String message) {
        String s = URL.matcher(message).replaceAll("<url>");
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = TIME.matcher(s).replaceAll("<time>");
        s = PATH.matcher(s).replaceAll("<path>");
        s = QUOTED.matcher(s).replaceAll(m -> m.group().charAt(0) == '\'' ? "'<value>'" : "\"<value>\"");
        StringBuilder out = new StringBuilder();
        Matcher http = HTTP_STATUS.matcher(s);
        int last = 0;
        while (http.find()) { // the status is kept: 401 and 503 are different problems
            out.append(numbersAndIds(s.substring(last, http.start()))).append(http.group());
            last = http.end();
        }
        out.append(numbersAndIds(s.substring(last)));
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static String numbersAndIds(String text) {
        return WITH_DIGIT.matcher(text).replaceAll(m -> {
            String token = m.group();
            String tail = "";
            while (token.endsWith(".") || token.endsWith("-")) { // the end of a sentence is not part of the id
                tail = token.charAt(token.length() - 1) + tail;
                token = token.substring(0, token.length() - 1);
            }
            return Matcher.quoteReplacement((token.matches("[\\d.]+") ? "<n>" : "<id>") + tail);
        });
    }

    /** Groups the occurrences of {@code [from, to]} by pattern; the {@link #TOP} most frequent first. */
    static Result analyse(List<Occurrence> all, Instant from, Instant to, Redactor redactor) {
        Map<String, List<Occurrence>> byPattern = new LinkedHashMap<>();
        long total = 0;
        for (Occurrence o : all) {
            if (o.at() == null || o.at().isBefore(from) || o.at().isAfter(to) || o.message() == null) {
                continue;
            }
            total++;
            String message = redactor.text(Errors.condense(o.message()));
            String key = o.freeText() ? pattern(message) : message;
            byPattern.computeIfAbsent(key, k -> new ArrayList<>()).add(new Occurrence(o.at(), o.source(), message,
                    o.freeText()));
        }
        List<Group> groups = new ArrayList<>();
        byPattern.forEach((pattern, list) -> {
            Occurrence latest = list.stream().max(Comparator.comparing(Occurrence::at)).orElseThrow();
            TreeSet<String> sources = new TreeSet<>();
            list.forEach(o -> sources.add(o.source()));
            groups.add(new Group(pattern, list.size(), latest.message(), latest.at(), List.copyOf(sources)));
        });
        groups.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::lastSeen,
                Comparator.reverseOrder()).thenComparing(Group::pattern));
        return new Result(from, to, total, groups.size(), List.copyOf(groups.subList(0, Math.min(TOP, groups.size()))));
    }

    // ------------------------------------------------------------------------------------------- the sources

    /** The failed attempts of the API-call log (and its rotated predecessor) since {@code from}. */
    static List<Occurrence> apiFailures(Path file, Instant from) {
        List<Occurrence> out = new ArrayList<>();
        ObjectMapper mapper = Json.newMapper();
        for (String line : lines(file.resolveSibling(file.getFileName() + ".1"), file)) {
            try {
                JsonNode n = mapper.readTree(line);
                Instant at = Instant.parse(n.path("at").asText());
                String outcome = n.path("outcome").asText();
                if (at.isBefore(from) || outcome.equals("SUCCESS")) {
                    continue;
                }
                int status = n.path("httpStatus").asInt();
                out.add(new Occurrence(at, "api-calls", n.path("operation").asText() + ": " + outcome
                        + (status > 0 ? " HTTP " + status : "")
                        + (n.hasNonNull("vendorCode") ? ", vendor code " + n.get("vendorCode").asText() : ""), false));
            } catch (IOException | RuntimeException skipped) {
                // a torn line after a crash
            }
        }
        return out;
    }

    /** Each reason of each dead letter of the job last seen since {@code from}. */
    static List<Occurrence> deadLetterReasons(String job, List<DeadLetter> letters, Instant from) {
        List<Occurrence> out = new ArrayList<>();
        for (DeadLetter d : letters) {
            if (d.lastSeen() != null && !d.lastSeen().isBefore(from)) {
                d.reasons().forEach(r -> out.add(new Occurrence(d.lastSeen(), "dead-letters " + job,
                        d.stage() + ": " + r, true)));
            }
        }
        return out;
    }

    /** The failed runs of the run history since {@code from}. */
    static List<Occurrence> failedRuns(List<RunHistory.Run> runs) {
        List<Occurrence> out = new ArrayList<>();
        for (RunHistory.Run r : runs) {
            if (r.error() != null) {
                out.add(new Occurrence(r.startedAt(), "runs " + r.job(), "run failed: " + r.error(), true));
            }
        }
        return out;
    }

    private static List<String> lines(Path... files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(f)) {
                try {
                    out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- output

    static void print(Result r, PrintStream out) {
        out.println("Errors from " + r.from() + " to " + r.to() + ": " + r.total() + " in " + r.patterns()
                + " pattern(s)" + (r.patterns() > r.top().size() ? "; the " + r.top().size() + " most frequent:" : ""));
        if (r.total() == 0) {
            out.println("  none recorded (API-call log, dead letters and run history of the state directory)");
        }
        int n = 1;
        for (Group g : r.top()) {
            out.println(String.format("%3d. %5d x  %s", n++, g.count(), g.pattern()));
            out.println("            last " + g.lastSeen() + " in " + String.join(", ", g.sources()));
            out.println("            e.g. " + g.example());
        }
    }

    static ObjectNode json(Result r, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("totalErrors", r.total());
        root.put("patterns", r.patterns());
        ArrayNode top = root.putArray("top");
        for (Group g : r.top()) {
            ObjectNode o = top.addObject();
            o.put("pattern", g.pattern());
            o.put("count", g.count());
            o.put("example", g.example());
            o.put("lastSeen", g.lastSeen().toString());
            ArrayNode sources = o.putArray("sources");
            g.sources().forEach(sources::add);
        }
        return root;
    }
}
