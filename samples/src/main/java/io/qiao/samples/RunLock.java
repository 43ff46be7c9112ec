package io.qiao.samples;

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
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and writes {@code holder} into the file, or returns empty when someone else holds it. */
    static Optional<RunLock> tryAcquire(Path file, String holder) throws IOException {
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
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return Optional.of(new RunLock(ch, lock));
    }

    /** What the holder wrote, when the lock is held right now; empty when nobody holds it. */
    static Optional<String> holder(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
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
