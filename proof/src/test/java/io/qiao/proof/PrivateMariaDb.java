package io.qiao.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own (a child process on a free port, its data directory in a temporary
 * directory), so that a chaos test may kill and restart it without touching the machine's shared server on 3306
 * that every other test uses. Root has no password. {@link #close()} ends the process and deletes the directory;
 * a shutdown hook does the same if the test JVM exits without closing it.
 */
final class PrivateMariaDb implements AutoCloseable {
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    /** Small logs and buffer pool: the server holds a few megabytes and starts in about a second. */
    private static final List<String> SIZING = List.of("--innodb-log-file-size=8M", "--innodb-buffer-pool-size=64M");

    private final Path dir;
    private final Path dataDir;
    private final int port;
    private final Thread cleanup;
    private final Duration installTime;
    private Process server;
    private int starts;

    private PrivateMariaDb(Path dir, int port, Duration installTime) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.port = port;
        this.installTime = installTime;
        this.cleanup = new Thread(this::destroy, "private-mariadb-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Whether this machine can run one (the MariaDB server package is installed). */
    static boolean available() {
        return Files.isExecutable(INSTALL_DB) && Files.isExecutable(SERVER);
    }

    /** Creates the data directory (mariadb-install-db) and picks a port; the server is not started yet. */
    static PrivateMariaDb install() throws IOException, InterruptedException {
        // under /tmp and short: the Unix socket path must stay within 107 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qiao-mdb");
        long t0 = System.nanoTime();
        try {
            List<String> cmd = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults", "--user=" + user(),
                    "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
            cmd.addAll(SIZING);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException("mariadb-install-db did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("mariadb-install-db exited " + p.exitValue() + ":\n"
                        + Files.readString(dir.resolve("install.log")));
            }
            return new PrivateMariaDb(dir, freePort(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /** How long mariadb-install-db took. */
    Duration installTime() {
        return installTime;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?user=root&connectTimeout=2000");
    }

    /** Starts the server on the same data directory and port as before and waits until it takes connections. */
    synchronized Duration start() throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            throw new IllegalStateException("the server is already running");
        }
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--user=" + user(),
                "--datadir=" + dataDir, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("sock"), "--pid-file=" + dir.resolve("pid"),
                "--log-error=" + dir.resolve("error.log"),
                // a restart right after a kill finds the port in TIME_WAIT now and then: wait for it
                "--port-open-timeout=30"));
        cmd.addAll(SIZING);
        server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile())).start();
        starts++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = connect("")) {
                return Duration.ofNanos(System.nanoTime() - t0);
            } catch (SQLException notYet) {
                if (!server.isAlive()) {
                    throw new IOException("mariadbd exited " + server.exitValue() + " at start " + starts + ":\n"
                            + tail(dir.resolve("error.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("mariadbd did not take connections within 60 s:\n"
                            + tail(dir.resolve("error.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** SIGKILL: the server dies at once, as in a power cut; InnoDB recovers at the next start. */
    synchronized void kill() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor();
        }
    }

    /** SIGTERM: the server's clean shutdown (it closes connections and flushes); waits for it to exit. */
    synchronized void shutdown() throws InterruptedException, IOException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
                throw new IOException("mariadbd did not shut down within 60 s of SIGTERM");
            }
        }
    }

    synchronized boolean running() {
        return server != null && server.isAlive();
    }

    /** The end of the server's error log, for a failing test's message. */
    String errorLogTail() {
        return tail(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs destroy() itself
        }
    }

    private synchronized void destroy() {
        if (server != null) {
            server.destroyForcibly();
            try {
                server.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(dir);
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PrivateMariaDb{127.0.0.1:" + port + ", " + dataDir + "}";
    }
}
