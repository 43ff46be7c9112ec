package io.qiao.archive.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.client.Json;
import io.qiao.sync.Position;
import io.qiao.sync.Sink;
import io.qiao.sync.Source;
import io.qiao.sync.SyncException;
import io.qiao.sync.Window;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Document sets dropped as files into the old integration's {@code [paths] inbound_dir}, read as a sync source.
 *
 * <h2>Layout</h2>
 * A set is, directly in the inbound directory:
 * <pre>
 * WS-2024-Y-0001.json   the metadata ({@link ArchiveMetadata}'s fields, camelCase or the seeds' snake_case) with
 *                       "files": ["WS-2024-Y-0001-p1.pdf", {"path": "scans/p2.tif", "fileName": "第2页.tif"}]
 *                       (paths relative to the inbound directory)
 * WS-2024-Y-0001-p1.pdf the attachments it lists
 * WS-2024-Y-0001.done   the marker, written last by whoever drops the set: the set is complete
 * </pre>
 * {@code archiveNo} may be left out: the file name is the 档号 then; when given, it must equal the file name.
 * Symbolic links are not taken: a linked metadata file is ignored, a linked attachment rejects its set (either could
 * make Qiao read and upload any file of the host).
 *
 * <h2>When a set is complete</h2>
 * Once its {@code <name>.done} marker exists. A dropper that cannot write a marker can instead be given a
 * {@linkplain Builder#quietPeriod quiet period}: a set without marker is complete when its metadata file and every
 * attachment it lists exist and none was modified within that period (a file still being written keeps changing its
 * size and so its modification time). A set that is not complete is not touched.
 *
 * <h2>What happens to a set</h2>
 * A complete set is first <em>claimed</em>: moved into {@code <inbound_dir>/.claimed/<name>/} (metadata file first,
 * then the attachments, the marker last), so that nothing of it is read from where a dropper may still write. Then it
 * is validated (the JSON itself, then the client's {@link io.qiao.archive.MetadataValidator}: DA/T 22 rules and files)
 * and pushed through {@link ArchiveSinks#push}. A pushed set moves, as one directory, to
 * {@code backup/<yyyy-MM-dd>/<name>/}; a rejected one to {@code error/<name>/} with {@code <name>.reason.txt} naming
 * every violation, and becomes a dead letter with the same reasons. {@code backup} and {@code error} are siblings of
 * the inbound directory unless set otherwise, and must be on its file system (the moves are renames).
 *
 * <h2>Crashes</h2>
 * Every step can be repeated: a run finds claimed sets left by a crash and finishes their claim; a set pushed but not
 * yet moved is pushed again, which the push finds by its 档号 with every file present and leaves alone (no second
 * record, no second upload), and then moved. A set is in exactly one of inbound, {@code .claimed}, backup or error
 * at every moment, so none is lost.
 */
public final class FileDropSource implements Source<DroppedSet> {
    public static final String METADATA_SUFFIX = ".json";
    public static final String MARKER_SUFFIX = ".done";
    public static final String REASON_SUFFIX = ".reason.txt";
    /** Where sets are processed, inside the inbound directory: uploads stay confined to it. */
    public static final String CLAIMED_DIR = ".claimed";

    private final Path inboundDir;
    private final Path backupDir;
    private final Path errorDir;
    private final Duration quietPeriod;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();

    private FileDropSource(Builder b) {
        this.inboundDir = b.inboundDir.toAbsolutePath().normalize();
        Path parent = inboundDir.getParent() == null ? inboundDir : inboundDir.getParent();
        this.backupDir = (b.backupDir == null ? parent.resolve("backup") : b.backupDir).toAbsolutePath().normalize();
        this.errorDir = (b.errorDir == null ? parent.resolve("error") : b.errorDir).toAbsolutePath().normalize();
        this.quietPeriod = b.quietPeriod;
        this.zone = b.zone;
        this.clock = b.clock;
    }

    /** A source over {@code inboundDir}; backup and error default to its siblings {@code backup/} and {@code error/}. */
    public static Builder builder(Path inboundDir) {
        return new Builder(inboundDir);
    }

    public Path inboundDir() {
        return inboundDir;
    }

    public Path backupDir() {
        return backupDir;
    }

    public Path errorDir() {
        return errorDir;
    }

    /**
     * The sink that goes with this source: validates each set, pushes the valid ones through
     * {@link ArchiveSinks#push} and moves each set to backup or error once the archive system has it (or has refused
     * it). A transient failure fails the batch before anything is moved, so the sets stay claimed for the retry.
     */
    public Sink<DroppedSet> sink(ArchiveClient client) {
        Objects.requireNonNull(client, "client");
        return new FileDropSink(this, ArchiveSinks.push(client, Function.identity()), client.validator());
    }

    @Override
    public Position initialPosition(Clock clock) {
        return Position.at(Instant.EPOCH);
    }

    /** One window per run: the sets complete at the time it is read. The position records only when that was. */
    @Override
    public Iterator<Window<DroppedSet>> windows(Position from, Clock jobClock) {
        Instant now = jobClock.instant();
        return List.<Window<DroppedSet>>of(new Window<>() {
            @Override
            public String describe() {
                return "file drops in " + inboundDir + " at " + now;
            }

            @Override
            public Position endPosition() {
                return Position.at(now);
            }

            @Override
            public Iterator<DroppedSet> records() {
                return claimCompleteSets(jobClock.instant()).iterator();
            }
        }).iterator();
    }

    /**
     * Finishes the claims a crash interrupted, then claims every complete set of the inbound directory; returns all
     * claimed sets by name.
     */
    List<DroppedSet> claimCompleteSets(Instant now) {
        if (!Files.isDirectory(inboundDir)) {
            throw new SyncException("inbound_dir " + inboundDir + " is not a directory");
        }
        Path claimedRoot = inboundDir.resolve(CLAIMED_DIR);
        try {
            Files.createDirectories(claimedRoot);
            for (Path metadata : sorted(inboundDir)) {
                String file = metadata.getFileName().toString();
                if (!file.endsWith(METADATA_SUFFIX) || file.startsWith(".")
                        || !Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a symbolic link is not a dropped set: it could make Qiao read any file of the host
                }
                String name = file.substring(0, file.length() - METADATA_SUFFIX.length());
                Path dir = claimedRoot.resolve(name);
                if (Files.exists(dir)) {
                    continue; // an earlier drop of the same name is still in process: this one waits for the next run
                }
                if (isComplete(name, listedFiles(metadata), now)) {
                    Files.createDirectories(dir);
                    Files.move(metadata, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            List<DroppedSet> sets = new ArrayList<>();
            for (Path dir : sorted(claimedRoot)) {
                String name = dir.getFileName().toString();
                Path metadata = dir.resolve(name + METADATA_SUFFIX);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                if (!Files.exists(metadata) && isEmpty(dir)) {
                    Files.delete(dir); // a crash between creating the directory and moving the metadata file into it
                    continue;
                }
                finishClaim(name, dir);
                sets.add(new DroppedSet(name, dir.toString()));
            }
            return sets;
        } catch (IOException e) {
            throw new SyncException("cannot claim the sets dropped into " + inboundDir + ": " + e, e);
        }
    }

    /** Moves the attachments the claimed metadata lists, then the marker; each move is skipped once done. */
    private void finishClaim(String name, Path dir) throws IOException {
        Path metadata = dir.resolve(name + METADATA_SUFFIX);
        if (Files.exists(metadata)) {
            for (String relative : listedFiles(metadata)) {
                Optional<Path> safe = safeRelative(relative);
                if (safe.isEmpty()) {
                    continue; // reported by validation; never move a file from outside the inbound directory
                }
                Path source = inboundDir.resolve(safe.get());
                Path target = dir.resolve(safe.get());
                // a link is moved as the link (rename does not follow it); validation then refuses it
                if (Files.exists(source, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target.getParent());
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        Path marker = inboundDir.resolve(name + MARKER_SUFFIX);
        if (Files.exists(marker)) {
            Files.move(marker, dir.resolve(name + MARKER_SUFFIX), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private boolean isComplete(String name, List<String> files, Instant now) throws IOException {
        if (Files.exists(inboundDir.resolve(name + MARKER_SUFFIX))) {
            return true;
        }
        if (quietPeriod == null) {
            return false;
        }
        List<Path> all = new ArrayList<>();
        all.add(inboundDir.resolve(name + METADATA_SUFFIX));
        for (String f : files) {
            Optional<Path> safe = safeRelative(f);
            if (safe.isPresent()) {
                all.add(inboundDir.resolve(safe.get()));
            }
        }
        Instant settled = now.minus(quietPeriod);
        for (Path p : all) {
            if (!Files.isRegularFile(p) || Files.getLastModifiedTime(p).toInstant().isAfter(settled)) {
                return false;
            }
        }
        return true;
    }

    /** The attachment paths a metadata file lists, as written; empty when it cannot be read (validation says why). */
    private List<String> listedFiles(Path metadata) {
        try {
            JsonNode files = field(mapper.readTree(metadata.toFile()), "files");
            List<String> out = new ArrayList<>();
            if (files != null && files.isArray()) {
                for (JsonNode f : files) {
                    String path = f.isTextual() ? f.asText() : f.path("path").asText("");
                    if (!path.isBlank()) {
                        out.add(path);
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------------------- reading a set

    /** The fields of a metadata file: camelCase as {@link ArchiveMetadata}, or the seeds' snake_case columns. */
    private static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("archiveNo", "title", "author", "docDate", "retentionPeriod", "securityLevel",
                "secrecyPeriod", "archiveDept", "archiveTime", "archivePerson", "docNumber", "pageCount", "files")) {
            m.put(f, f);
            m.put(f.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), f);
        }
        return Map.copyOf(m);
    }

    private static JsonNode field(JsonNode root, String name) {
        for (Map.Entry<String, String> e : FIELDS.entrySet()) {
            if (e.getValue().equals(name) && root.has(e.getKey())) {
                return root.get(e.getKey());
            }
        }
        return null;
    }

    /** A set read into a push, or every problem of its metadata file (then {@code push} is null). */
    record Parsed(ArchivePush push, List<String> problems) {
    }

    /**
     * Reads a claimed set: its metadata file into {@link ArchiveMetadata} (values as text, for the validator to judge)
     * and its attachments into files inside the set's directory. Every problem of the file itself is collected.
     */
    Parsed read(DroppedSet set) {
        Path file = set.metadataFile();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : Files.exists(file) ? e.toString() : "does not exist";
            return new Parsed(null, List.of(set.name() + METADATA_SUFFIX + ": " + why));
        }
        if (root == null || !root.isObject()) {
            return new Parsed(null, List.of(set.name() + METADATA_SUFFIX + ": is not a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.containsKey(n)) {
                unknown.add(n);
            }
        });
        unknown.forEach(n -> problems.add(n + ": is not a metadata field (the fields are " + String.join(", ",
                new TreeSet<>(FIELDS.values())) + ")"));
        ArchiveMetadata.Builder b = ArchiveMetadata.builder();
        String archiveNo = text(root, "archiveNo", problems);
        if (archiveNo != null && !archiveNo.equals(set.name())) {
            problems.add("archiveNo: '" + archiveNo + "' differs from the file name " + set.name() + METADATA_SUFFIX
                    + "; name the file after the 档号");
        }
        b.archiveNo(archiveNo == null ? set.name() : archiveNo)
                .title(text(root, "title", problems))
                .author(text(root, "author", problems))
                .docDate(text(root, "docDate", problems))
                .retentionPeriod(text(root, "retentionPeriod", problems))
                .securityLevel(text(root, "securityLevel", problems))
                .secrecyPeriod(text(root, "secrecyPeriod", problems))
                .archiveDept(text(root, "archiveDept", problems))
                .archiveTime(text(root, "archiveTime", problems))
                .archivePerson(text(root, "archivePerson", problems))
                .docNumber(text(root, "docNumber", problems));
        JsonNode pages = field(root, "pageCount");
        if (pages != null && !pages.isNull()) {
            if (pages.canConvertToInt() && pages.isIntegralNumber() || pages.isTextual() && pages.asText().matches("\\d{1,9}")) {
                b.pageCount(pages.asInt());
            } else {
                problems.add("pageCount: '" + pages.asText(pages.toString()) + "' is not a whole number");
            }
        }
        List<ArchiveFile> files = files(root, Path.of(set.directory()), problems);
        return problems.isEmpty() ? new Parsed(new ArchivePush(b.build(), files), List.of()) : new Parsed(null, problems);
    }

    private static String text(JsonNode root, String name, List<String> problems) {
        JsonNode v = field(root, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(name + ": must be text, was " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        return v.asText();
    }

    private List<ArchiveFile> files(JsonNode root, Path dir, List<String> problems) {
        JsonNode files = field(root, "files");
        List<ArchiveFile> out = new ArrayList<>();
        if (files == null || files.isNull()) {
            return out;
        }
        if (!files.isArray()) {
            problems.add("files: must be a list of file names or {\"path\": ..., \"fileName\": ...} objects");
            return out;
        }
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String path = f.isTextual() ? f.asText() : f.path("path").asText("");
            Optional<Path> safe = safeRelative(path);
            if (safe.isEmpty()) {
                problems.add("files[" + i + "]: '" + path + "' is not a path relative to the inbound directory "
                        + "(absolute, empty or with '..')");
                continue;
            }
            if (Files.isSymbolicLink(dir.resolve(safe.get()))) {
                problems.add("files[" + i + "]: '" + path + "' is a symbolic link; drop the file itself");
                continue;
            }
            ArchiveFile file = ArchiveFile.of(dir.resolve(safe.get()));
            if (f.isObject()) {
                String name = f.path("fileName").asText(f.path("file_name").asText(""));
                file = name.isBlank() ? file : file.withFileName(name);
                String type = f.path("contentType").asText(f.path("content_type").asText(""));
                file = type.isBlank() ? file : file.withContentType(type);
                JsonNode dpi = f.has("scanResolution") ? f.get("scanResolution") : f.get("scan_resolution");
                if (dpi != null && !dpi.isNull()) {
                    if (!dpi.canConvertToInt() || dpi.asInt() < 1) {
                        problems.add("files[" + i + "].scanResolution: '" + dpi.asText() + "' is not a positive whole number");
                    } else {
                        file = new ArchiveFile(file.path(), file.fileName(), file.contentType(), dpi.asInt());
                    }
                }
            }
            out.add(file);
        }
        return out;
    }

    /** A listed path that stays inside the directory it is resolved against, or empty. */
    static Optional<Path> safeRelative(String relative) {
        if (relative == null || relative.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(relative).normalize();
            if (p.isAbsolute() || p.getRoot() != null || p.toString().isEmpty() || p.startsWith("..")
                    || p.startsWith(CLAIMED_DIR)) {
                return Optional.empty();
            }
            return Optional.of(p);
        } catch (RuntimeException e) { // InvalidPathException
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------- moving a set

    /** Moves a pushed set to {@code backup/<yyyy-MM-dd>/<name>}; returns where it went. */
    Path moveToBackup(DroppedSet set) {
        Path day = backupDir.resolve(clock.instant().atZone(zone).toLocalDate().toString());
        return moveSet(set, day);
    }

    /** Writes {@code <name>.reason.txt} into the set and moves it to {@code error/<name>}; returns where it went. */
    Path moveToError(DroppedSet set, List<String> reasons) {
        Path dir = Path.of(set.directory());
        Path reason = dir.resolve(set.name() + REASON_SUFFIX);
        StringBuilder text = new StringBuilder(set.name()).append(" was rejected at ").append(clock.instant())
                .append(" (").append(reasons.size()).append(reasons.size() == 1 ? " problem" : " problems")
                .append("); fix them and drop the set into the inbound directory again:\n");
        reasons.forEach(r -> text.append("- ").append(r).append('\n'));
        try {
            Path tmp = dir.resolve(reason.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, reason, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SyncException("cannot write " + reason + ": " + e, e);
        }
        return moveSet(set, errorDir);
    }

    /** One rename of the set's directory: atomic, so a crash leaves it either claimed or moved. */
    private Path moveSet(DroppedSet set, Path parent) {
        Path dir = Path.of(set.directory());
        try {
            Files.createDirectories(parent);
            Path target = parent.resolve(set.name());
            for (int n = 2; Files.exists(target); n++) { // the same 档号 dropped again the same day: keep both
                target = parent.resolve(set.name() + "~" + n);
            }
            return Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new SyncException("cannot move " + dir + " to " + parent + " in one step: keep backup and error "
                    + "directories on the file system of inbound_dir " + inboundDir, e);
        } catch (IOException e) {
            throw new SyncException("cannot move the set " + set.name() + " from " + dir + " to " + parent + ": " + e, e);
        }
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(all::add);
        }
        all.sort(null);
        return all;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public String toString() {
        return "FileDropSource[" + inboundDir + " -> " + backupDir + ", " + errorDir + "]";
    }

    public static final class Builder {
        private final Path inboundDir;
        private Path backupDir;
        private Path errorDir;
        private Duration quietPeriod;
        private ZoneId zone = Json.SHANGHAI;
        private Clock clock = Clock.systemUTC();

        private Builder(Path inboundDir) {
            this.inboundDir = Objects.requireNonNull(inboundDir, "inboundDir");
        }

        /** Where pushed sets go, in a folder per day ({@code <inbound_dir>/../backup} unless set). */
        public Builder backupDir(Path backupDir) {
            this.backupDir = Objects.requireNonNull(backupDir, "backupDir");
            return this;
        }

        /** Where rejected sets go with their {@code .reason.txt} ({@code <inbound_dir>/../error} unless set). */
        public Builder errorDir(Path errorDir) {
            this.errorDir = Objects.requireNonNull(errorDir, "errorDir");
            return this;
        }

        /**
         * Also takes sets without a {@code .done} marker once none of their files changed for this long; without it
         * (the default) only the marker makes a set complete.
         */
        public Builder quietPeriod(Duration quietPeriod) {
            Objects.requireNonNull(quietPeriod, "quietPeriod");
            if (quietPeriod.isNegative() || quietPeriod.isZero()) {
                throw new IllegalArgumentException("quietPeriod must be positive, was " + quietPeriod);
            }
            this.quietPeriod = quietPeriod;
            return this;
        }

        /** The zone of the backup folders' dates (Asia/Shanghai unless set). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The clock of the backup folders' dates and the reason files (tests pass a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FileDropSource build() {
            Path in = inboundDir.toAbsolutePath().normalize();
            for (Path other : new Path[] {backupDir, errorDir}) {
                if (other != null && other.toAbsolutePath().normalize().startsWith(in)) {
                    throw new IllegalArgumentException(other + " is inside inbound_dir " + in
                            + "; backup and error must be outside it, or their sets would be read again");
                }
            }
            return new FileDropSource(this);
        }
    }
}
