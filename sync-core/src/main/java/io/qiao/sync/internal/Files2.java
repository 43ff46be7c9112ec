package io.qiao.sync.internal;

import io.qiao.sync.SyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * File helpers of the file stores: safe names for job files, crash-safe replacement of a file, a lock shared by
 * threads and processes, copies of damaged files, and IO failures told as one sentence.
 */
public final class Files2 {
    /** How long a writer waits for another writer's file lock before it gives up with an error. */
    static final long LOCK_TIMEOUT_NANOS = 30_000_000_000L;

    /**
     * A JVM-wide lock per lock file. An OS file lock belongs to the whole JVM (a second {@code lock()} on the same
     * file from this JVM throws instead of waiting), so threads and store instances of one JVM queue here first.
     * One small lock per distinct file, kept for the life of the JVM: there are as many as jobs.
     */
    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private Files2() {
    }

    /** What a store does under {@link #withLock}: may fail with an IOException. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    /**
     * A file name for {@code job} that is valid on every file system and distinct for distinct jobs: letters,
     * digits, '-', '_' and '.' stay; every other character becomes '%' and its UTF-8 bytes in hex.
     */
    public static String fileName(String job, String suffix) {
        StringBuilder s = new StringBuilder();
        for (byte b : job.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && s.length() > 0);
            if (safe) {
                s.append(c);
            } else {
                s.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return s + suffix;
    }

    /**
     * Runs {@code body} holding {@code lockFile}'s lock: first this JVM's lock of that file (threads), then the OS
     * file lock (other processes). Reentrant: a body that takes the same lock again runs at once. The lock file's
     * directory is created if missing (a state directory deleted under a running schedule), and the lock file
     * itself is never deleted, so that every process locks the same file.
     *
     * @throws SyncException when another process holds the lock for more than 30 seconds
     */
    public static <T> T withLock(Path lockFile, Locked<T> body) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        inJvm.lock();
        try {
            if (inJvm.getHoldCount() > 1) {
                return body.run();
            }
            Files.createDirectories(key.getParent());
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = osLock(ch, key)) {
                return body.run();
            }
        } finally {
            inJvm.unlock();
        }
    }

    /** Waits for the OS lock; polls, as a path reached through a symbolic link shows as an overlap in this JVM. */
    private static FileLock osLock(FileChannel ch, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // the same file under another name, locked by another thread of this JVM
            }
            if (System.nanoTime() > deadline) {
                throw new SyncException("could not lock " + lockFile + " within 30 s: another process holds it");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted while waiting for the lock " + lockFile, e);
            }
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that a crash leaves either the old or the new file,
     * never a torn one: write a temporary file beside it, fsync it, rename it over the target atomically,
     * then fsync the directory so that the rename itself is durable. The directory is created if missing.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically; file stores need it", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies a damaged file to {@code <file>.corrupt} ({@code .corrupt.2}, ... when that exists) before a writer
     * repairs or replaces it, so that the bytes it could not read stay for a person to look at; returns the copy.
     */
    public static Path keepCorruptCopy(Path file) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".corrupt");
        for (int n = 2; Files.exists(copy); n++) {
            copy = file.resolveSibling(file.getFileName() + ".corrupt." + n);
        }
        writeAtomically(copy, Files.readAllBytes(file));
        return copy;
    }

    /** Makes a directory's entries (a new or renamed file) durable; a no-op where the OS cannot (Windows). */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }

    /**
     * An IO failure as one sentence naming the operation and the file, in the words an operator knows: "cannot
     * write qiao-state/checkpoints/x.checkpoint.json: no space left on device" rather than an exception's class
     * name and a message that may name a temporary file.
     */
    public static String failure(String operation, Path file, IOException e) {
        return "cannot " + operation + " " + file + ": " + reason(e);
    }

    /** Why an IO operation failed, in a few words ("permission denied", "no space left on device"). */
    public static String reason(IOException e) {
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("access is denied") || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        if (lower.contains("no space left") || lower.contains("not enough space")
                || lower.contains("disk quota exceeded")) {
            return lower.contains("quota") ? "disk quota exceeded" : "no space left on device";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory" + (n.getFile() == null ? "" : " (" + n.getFile() + ")");
        }
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }
}
