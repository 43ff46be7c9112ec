package io.qiao.samples;

import io.qiao.sync.internal.Files2;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock file of a running pipeline ({@code locks/<pipeline>.lock} in the state directory): an OS file lock held
 * for as long as the run or the schedule lives, so that a second {@code qiao sync} of the same pipeline refuses to
 * start and {@code qiao report} can tell whether a scheduled run is alive. The file says who holds it; a crashed
 * process releases the lock with its death, so a stale file is never mistaken for a live run.
 */
final class RunLock implements AutoCloseable {
    private final Path file;
    private final String holder;
    private FileChannel channel;
    private FileLock lock;
    private Object fileKey;

    private RunLock(Path file, String holder, FileChannel channel, FileLock lock) throws IOException {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = keyOf(file);
    }

    /**
     * Takes the lock and writes {@code holder} into the file, or returns empty when someone else holds it.
     *
     * @throws IOException saying in one sentence which file could not be written and why (a read-only state
     *     directory: "cannot write .../locks/p.lock: permission denied")
     */
    static Optional<RunLock> tryAcquire(Path file, String holder) throws IOException {
        try {
            return lockAndWrite(file, holder);
        } catch (IOException e) {
            throw new IOException(Files2.failure("write the lock file", file, e), e);
        }
    }

    private static Optional<RunLock> lockAndWrite(Path file, String holder) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            ch.close();
            return Optional.empty();
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return Optional.of(new RunLock(file, holder, ch, lock));
        } catch (IOException e) {
            ch.close(); // releases the lock too: a half-written holder must not keep others out
            throw e;
        }
    }

    /**
     * Takes the lock, waiting for the holder to finish when {@code wait} is set (polling, as an OS lock held by
     * another process cannot be waited for with a timeout), else returns empty at once when it is held;
     * {@code waiting} is told once who is waited for.
     */
    static Optional<RunLock> acquire(Path file, String holder, boolean wait, java.util.function.Consumer<String> waiting)
            throws IOException, InterruptedException {
        boolean told = false;
        while (true) {
            Optional<RunLock> lock = tryAcquire(file, holder);
            if (lock.isPresent() || !wait) {
                return lock;
            }
            if (!told) {
                waiting.accept(holder(file).orElse("?"));
                told = true;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Whether this process still holds the lock of the file at the path: a state directory deleted (or a lock
     * file removed) under a running schedule leaves it holding the lock of a file nobody else can see, so that a
     * second run could start. Then it takes the lock of the file now at the path (creating it) and returns true,
     * or returns false when another process took that one first.
     */
    boolean holdAgain() throws IOException {
        Object now;
        try {
            now = keyOf(file);
        } catch (java.nio.file.NoSuchFileException e) {
            now = null;
        }
        if (now != null && now.equals(fileKey)) {
            return true;
        }
        Optional<RunLock> fresh = tryAcquire(file, holder);
        if (fresh.isEmpty()) {
            return false;
        }
        close();
        channel = fresh.get().channel;
        lock = fresh.get().lock;
        fileKey = fresh.get().fileKey;
        return true;
    }

    private static Object keyOf(Path file) throws IOException {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                java.nio.file.attribute.BasicFileAttributes.class);
        return a.fileKey() != null ? a.fileKey() : a.creationTime();
    }

    /** What the holder wrote, when the lock is held right now; empty when nobody holds it. */
    static Optional<String> holder(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        // a shared probe through a read-only channel: works on a read-only state directory, changes nothing
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe;
            try {
                probe = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
