package io.qiao.sync.store;

import io.qiao.sync.SyncException;
import io.qiao.sync.internal.Files2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job's file of a {@link JsonLinesDeadLetterStore} and its entries' current state, as far as it has been read:
 * {@code consumed} bytes (whole lines) of the file known by {@code identity}. Each operation first reads what was
 * appended since ({@link #refresh}); writes run under the job's lock ({@link #locked}), append whole lines, repair a
 * torn last line, write again what a deleted file lost, and rewrite the file atomically for a purge. The lines'
 * format is {@link DeadLetterLines}'; what the entries mean (de-duplication, resolving) is the store's.
 *
 * <p>About 300 lines: catching up with a file that other processes append to, replace and delete is one job, and
 * its parts (identity, tail check, torn lines, lost appends) only make sense together.
 */
final class JsonLinesJobFile {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonLinesDeadLetterStore.class);
    /** Bytes before the read position compared on every refresh: a new file under a reused file key is read anew. */
    private static final int TAIL_CHECK = 256;

    final String job;
    final Path path;
    final Path lockFile;
    final Map<String, DeadLetter> entries = new LinkedHashMap<>();
    final Map<String, DeadLetter> openByKey = new HashMap<>();
    /** Entries this store appended since its last fsync: written again if their file is deleted meanwhile. */
    final List<DeadLetter> unflushed = new ArrayList<>();
    long nextId = 1;
    Object identity;
    long consumed;
    int lines;
    byte[] tail = new byte[0];
    FileChannel channel;
    Object channelIdentity;
    boolean dirty;

    JsonLinesJobFile(String job, Path path) {
        this.job = job;
        this.path = path;
        this.lockFile = path.resolveSibling(path.getFileName() + ".lock");
    }

    <T> T locked(String operation, Files2.Locked<T> body) {
        try {
            return Files2.withLock(lockFile, body);
        } catch (IOException e) {
            throw new SyncException(Files2.failure(operation, path, e) + " (while taking its lock " + lockFile
                    + ")", e);
        }
    }

    /**
     * Catches up with the file at the path: reads the lines appended since the last look, or the whole file
     * when it was replaced (a purge) or is another file now. With {@code writing} (under the lock) a torn last
     * line is repaired and entries of this store lost with a deleted file are appended again.
     */
    void refresh(boolean writing) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget();
            if (writing && !unflushed.isEmpty()) {
                rewriteLost();
            }
            return;
        } catch (IOException e) {
            throw new SyncException(Files2.failure("read", path, e), e);
        }
        Object id = identityOf(a);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (!id.equals(identity) || size < consumed || !tailMatches(ch)) {
                if (identity != null && !unflushed.isEmpty()) {
                    // replaced under the lock by a rewrite that read our appends first: they are its business now
                    unflushed.clear();
                }
                forget();
                identity = id;
            }
            if (size > consumed) {
                readFrom(ch, size, writing);
            }
        } catch (NoSuchFileException e) {
            forget(); // renamed away between the two looks (a reader without the lock): next time
        } catch (IOException e) {
            throw new SyncException(Files2.failure("read", path, e), e);
        }
    }

    private Object identityOf(BasicFileAttributes a) {
        // file key: device and inode on Unix; Windows has none, and a rename brings the new file's creation time
        return a.fileKey() != null ? a.fileKey() : a.creationTime();
    }

    private boolean tailMatches(FileChannel ch) throws IOException {
        if (tail.length == 0) {
            return true;
        }
        ByteBuffer buf = ByteBuffer.allocate(tail.length);
        long at = consumed - tail.length;
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                return false;
            }
        }
        return java.util.Arrays.equals(buf.array(), tail);
    }

    private void forget() {
        entries.clear();
        openByKey.clear();
        identity = null;
        consumed = 0;
        lines = 0;
        tail = new byte[0];
    }

    private void readFrom(FileChannel ch, long size, boolean writing) throws IOException {
        long start = consumed;
        byte[] bytes = new byte[Math.toIntExact(size - start)];
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
            // read to the size seen; a concurrent append beyond it is read next time
        }
        int from = 0;
        while (from < buf.position()) {
            int nl = indexOf(bytes, (byte) '\n', from, buf.position());
            if (nl < 0) {
                consumed = start + from;
                keepTail(ch);
                partialTail(new String(bytes, from, buf.position() - from, StandardCharsets.UTF_8),
                        buf.position() - from, writing);
                return;
            }
            lines++;
            String line = new String(bytes, from, nl - from, StandardCharsets.UTF_8);
            from = nl + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                remember(DeadLetterLines.parse(line, job));
            } catch (IOException | RuntimeException e) {
                int lineNo = lines;
                forget(); // read again from the start once fixed
                throw new SyncException("dead-letter file " + path + " is corrupt at line " + lineNo + " ("
                        + e.getMessage() + "); fix or move the file", e);
            }
        }
        consumed = start + from;
        keepTail(ch);
    }

    private void keepTail(FileChannel ch) throws IOException {
        int n = (int) Math.min(TAIL_CHECK, consumed);
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining() && ch.read(buf, consumed - n + buf.position()) >= 0) {
            // a file never shrinks under a reader's position except by a rename, which changes its identity
        }
        tail = buf.array();
    }

    /**
     * The file ends without a newline. A reader leaves it as it is (an append in progress, or a crash's torn
     * line) and shows a complete last entry. A writer holds the lock, so no append is in progress: a crash cut
     * the last append. It keeps the file as it was in a .corrupt copy, then ends a complete entry with its
     * newline or cuts a torn one (it never counted as stored), so that later appends start on a line of their
     * own.
     */
    private void partialTail(String text, int length, boolean writing) throws IOException {
        DeadLetter complete;
        try {
            complete = text.isBlank() ? null : DeadLetterLines.parse(text, job);
        } catch (IOException | RuntimeException e) {
            complete = null;
        }
        if (!writing) {
            if (complete != null) {
                remember(complete);
            }
            return;
        }
        Path copy = Files2.keepCorruptCopy(path);
        try (FileChannel w = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (complete != null) {
                w.write(ByteBuffer.wrap(new byte[] {'\n'}), w.size());
                log.warn("dead-letter file {}: ended its last entry (line {}), cut short of its line end by an "
                        + "interrupted append; the file as it was is kept in {}", path, lines + 1, copy);
            } else {
                w.truncate(consumed);
                log.warn("dead-letter file {}: dropped the torn last line {} left by an interrupted append; the "
                        + "damaged bytes are kept in {}", path, lines + 1, copy);
            }
            w.force(true);
        }
        if (complete != null) {
            remember(complete);
            lines++;
            consumed += length + 1;
            try (FileChannel r = FileChannel.open(path, StandardOpenOption.READ)) {
                keepTail(r);
            }
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    void remember(DeadLetter d) {
        DeadLetter previous = entries.put(d.id(), d);
        if (previous != null && previous.key() != null) {
            openByKey.remove(previous.key(), previous);
        }
        if (d.key() != null && !d.resolved()) {
            openByKey.put(d.key(), d);
        }
        try {
            nextId = Math.max(nextId, Long.parseLong(d.id()) + 1);
        } catch (NumberFormatException e) {
            // ids written by hand or by another tool: keep counting from ours
        }
    }

    /** Under the lock, after {@link #refresh}: appends to the file at the path, whichever file that is now. */
    void append(DeadLetter d) {
        byte[] line;
        try {
            line = DeadLetterLines.line(d);
            write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            throw new SyncException(Files2.failure("append to", path, e), e);
        }
        consumed += line.length;
        lines++;
        byte[] t = new byte[(int) Math.min(TAIL_CHECK, tail.length + (long) line.length)];
        int fromLine = Math.min(line.length, t.length);
        System.arraycopy(tail, tail.length - (t.length - fromLine), t, 0, t.length - fromLine);
        System.arraycopy(line, line.length - fromLine, t, t.length - fromLine, fromLine);
        tail = t;
        remember(d);
        unflushed.add(d);
        dirty = true;
    }

    private void write(ByteBuffer buf) throws IOException {
        if (channel != null && !channelIdentity.equals(identity)) {
            closeChannel(); // the file we held was replaced or deleted: never append to it again
        }
        if (channel == null) {
            Files.createDirectories(path.getParent());
            boolean created = !Files.exists(path);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (created) {
                Files2.fsyncDirectory(path.getParent());
            }
            channelIdentity = identityOf(Files.readAttributes(path, BasicFileAttributes.class));
            if (identity == null) {
                identity = channelIdentity;
            }
        }
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** The file was deleted after this store appended to it and before the fsync: those entries go again. */
    private void rewriteLost() {
        List<DeadLetter> lost = List.copyOf(unflushed);
        unflushed.clear();
        closeChannel();
        log.warn("dead-letter file {} was deleted before {} entr{} appended to it were flushed; writing them "
                + "again into a new file", path, lost.size(), lost.size() == 1 ? "y" : "ies");
        lost.forEach(this::append);
    }

    void sync() {
        if (!dirty) {
            return;
        }
        locked("fsync", () -> {
            refresh(true);
            if (channel != null && dirty) {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new SyncException(Files2.failure("fsync", path, e), e);
                }
            }
            dirty = false;
            unflushed.clear();
            return null;
        });
    }

    /** Under the lock, after {@link #refresh}: replaces the file with {@code kept}. */
    void rewrite(List<DeadLetter> kept) {
        closeChannel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (DeadLetter d : kept) {
                out.write(DeadLetterLines.line(d));
            }
            Files2.writeAtomically(path, out.toByteArray());
        } catch (IOException e) {
            throw new SyncException(Files2.failure("rewrite", path, e), e);
        }
        unflushed.clear();
        dirty = false;
        long keepNextId = nextId;
        forget();
        refresh(true);
        nextId = Math.max(nextId, keepNextId);
    }

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after a successful fsync cannot lose data
            }
            channel = null;
            channelIdentity = null;
        }
    }

}
