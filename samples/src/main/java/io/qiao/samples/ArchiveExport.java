package io.qiao.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.client.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code qiao archive export --from T --to T [--dept CODE]}: the archive system's records whose 成文日期 falls in the
 * period (Beijing dates, both ends included) written to {@code outbound_dir}, one {@code <档号>.json} per record with
 * its metadata and the list of its files (name, size, SHA-256 as the archive reports them; the archive API has no
 * download operation, so the files themselves cannot be fetched).
 *
 * <p>Idempotent: a file is written only when its bytes would change, through a temporary file and a rename, so a
 * re-run over the same period writes nothing and a reader never sees half a file.
 */
final class ArchiveExport {
    private final Workspace ws;
    private final PrintStream out;
    private final ObjectMapper mapper = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    ArchiveExport(Workspace ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
    }

    int run(Instant from, Instant to, String dept) throws IOException {
        Path dir = outboundDir();
        LocalDate start = from.atZone(Json.SHANGHAI).toLocalDate();
        LocalDate end = to.atZone(Json.SHANGHAI).toLocalDate();
        ArchiveQuery.Builder q = ArchiveQuery.builder(start, end);
        if (dept != null && !dept.isBlank()) {
            q.deptCode(dept);
        }
        ws.notes.forEach(n -> out.println("note: " + n));
        int records = 0;
        int written = 0;
        Set<String> names = new HashSet<>();
        for (ArchiveRecord r : ws.archive().archives().list(q.build())) {
            records++;
            String name = fileName(r);
            if (!names.add(name)) { // two records share a 档号: keep both, told apart by the archive's id
                name = fileName(r) + "~" + safe(String.valueOf(r.archiveId()));
                names.add(name);
            }
            written += writeIfChanged(dir.resolve(name + ".json"), mapper.writeValueAsBytes(r)) ? 1 : 0;
        }
        out.println("archive export " + start + " to " + end + (dept == null ? "" : " (dept " + dept + ")") + ": "
                + records + " record(s), " + written + " file(s) written, " + (records - written)
                + " unchanged; in " + dir);
        return Qiao.OK;
    }

    private Path outboundDir() throws IOException {
        Path dir = Path.of(ws.settings.get("outbound-dir").orElseThrow(() -> new UsageException("outbound-dir is not "
                + "set: give --outbound-dir DIR, QIAO_OUTBOUND_DIR, or [paths] outbound_dir in the --config "
                + "archive_config.ini"))).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        return dir;
    }

    /** The record's 档号 as a file name: characters no file system takes become '_'. */
    static String fileName(ArchiveRecord r) {
        String no = r.archiveNo();
        return no == null || no.isBlank() ? "id-" + safe(String.valueOf(r.archiveId())) : safe(no);
    }

    private static String safe(String text) {
        String s = text.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return s.equals(".") || s.equals("..") ? s.replace('.', '_') : s;
    }

    /** Writes {@code bytes} unless the file already holds exactly them; true when it wrote. */
    static boolean writeIfChanged(Path file, byte[] bytes) throws IOException {
        byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), withNewline)) {
            return false;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, withNewline);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
