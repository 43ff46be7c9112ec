package io.qiao.samples;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a run while it goes: on a terminal one line rewritten in place (windows, records, rate, dead letters);
 * elsewhere (a log file, cron, systemd) a plain timestamped line per completed window and per retry.
 */
final class Progress implements SyncListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private long lastDraw;
    private int lastWidth;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void batchWritten(String job, String window, int written, int rejected) {
        records.addAndGet(written + rejected);
        draw(job, false);
    }

    @Override
    public void deadLettered(String job, DeadLetter d) {
        deadLetters.incrementAndGet();
    }

    @Override
    public void retrying(String job, String operation, int nextAttempt, Throwable failure) {
        retries.incrementAndGet();
        if (!terminal) {
            line(job + ": " + operation + " failed (" + (failure == null ? "?" : Errors.condense(failure.getMessage()))
                    + "); attempt " + nextAttempt + " follows");
        } else {
            draw(job, true);
        }
    }

    @Override
    public void checkpointCommitted(String job, String window, Checkpoint c) {
        windows.incrementAndGet();
        if (terminal) {
            draw(job, true);
        } else {
            line(job + ": window " + window + " done, " + records.get() + " records so far, checkpoint "
                    + c.position().watermark());
        }
    }

    @Override
    public synchronized void runFinished(SyncReport report) {
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            out.flush();
            lastWidth = 0;
        }
    }

    private synchronized void draw(String job, boolean force) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String text = String.format(Locale.ROOT, "%s: %d windows, %d records, %.0f/s%s%s", job, windows.get(),
                records.get(), records.get() / seconds,
                deadLetters.get() > 0 ? ", " + deadLetters.get() + " dead letters" : "",
                retries.get() > 0 ? ", " + retries.get() + " retries" : "");
        out.print("\r" + text + (text.length() < lastWidth ? " ".repeat(lastWidth - text.length()) : ""));
        out.flush();
        lastWidth = text.length();
    }

    private void line(String text) {
        out.println(LocalTime.now().format(TIME) + " " + text);
    }
}
