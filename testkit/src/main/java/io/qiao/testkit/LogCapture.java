package io.qiao.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what Qiao logs during a test, at DEBUG for the named loggers, so that a test can assert that no
 * secret reaches a log line. Works with slf4j-simple (the binding every Qiao module tests with): it lowers the
 * named loggers' level for the capture and collects standard error, where slf4j-simple writes; {@link #close()}
 * restores both. Not for concurrent tests that log themselves.
 */
public final class LogCapture implements AutoCloseable {
    private static final int DEBUG = 10; // org.slf4j.spi.LocationAwareLogger.DEBUG_INT

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<Object> loggers = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();

    private LogCapture(String... names) {
        for (String name : names) {
            Object logger = LoggerFactory.getLogger(name);
            Field f = levelField(logger);
            try {
                levels.add(f.getInt(logger));
                f.setInt(logger, DEBUG);
                loggers.add(logger);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set the level of logger " + name, e);
            }
        }
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; {@code io.qiao.http} (the request/response lines) is always included. */
    public static LogCapture debug(String... loggers) {
        String[] all = new String[loggers.length + 1];
        all[0] = "io.qiao.http";
        System.arraycopy(loggers, 0, all, 1, loggers.length);
        return new LogCapture(all);
    }

    /** Everything logged since the capture began. */
    public String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        for (int i = 0; i < loggers.size(); i++) {
            try {
                levelField(loggers.get(i)).setInt(loggers.get(i), levels.get(i));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot restore a logger's level", e);
            }
        }
    }

    private static Field levelField(Object logger) {
        for (Class<?> c = logger.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("currentLogLevel");
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("LogCapture needs slf4j-simple as the logging binding, found "
                + logger.getClass().getName());
    }
}
