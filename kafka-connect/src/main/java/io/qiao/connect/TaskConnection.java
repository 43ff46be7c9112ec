package io.qiao.connect;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One JDBC connection kept for a sink task and lent to each {@code getConnection()} (the upsert sink and the offset
 * store close what they get after every transaction; here that close returns the connection instead). Opening a
 * connection per transaction cost more than the transaction on a loaded machine.
 *
 * <p>A connection is reused only in a known state: back in autocommit with no transaction open. It is closed (and the
 * next {@code getConnection()} opens a new one) when a connection method failed while it was lent, when it comes back
 * with a transaction it cannot roll back, when the task {@linkplain #discard() discards} it after a failed write
 * (the database may have killed it mid-commit), and when it sat idle longer than {@link #VALIDATE_AFTER} and
 * {@link Connection#isValid} says no. A {@code getConnection()} while the kept one is lent gets a connection of its
 * own, closed for real. Used from the task's thread; synchronized only so that a {@code stop()} from elsewhere is safe.
 */
final class TaskConnection implements DataSource {
    /** Idle longer than this and the connection is checked before it is lent (a busy task's puts skip the check). */
    static final Duration VALIDATE_AFTER = Duration.ofSeconds(1);
    private static final int VALIDATE_TIMEOUT_SECONDS = 5;

    private final DataSource driver;
    private final Clock clock;
    private Connection kept;
    private boolean lent;
    private boolean broken;
    private Instant returnedAt;

    TaskConnection(DataSource driver, Clock clock) {
        this.driver = driver;
        this.clock = clock;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (lent) {
            return driver.getConnection();
        }
        if (kept != null && (kept.isClosed() || idleTooLong() && !valid(kept))) {
            closeKept();
        }
        if (kept == null) {
            kept = driver.getConnection();
        }
        lent = true;
        broken = false;
        Connection real = kept;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(real));
    }

    private boolean idleTooLong() {
        return returnedAt == null || Duration.between(returnedAt, clock.instant()).compareTo(VALIDATE_AFTER) >= 0;
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(VALIDATE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** After a failed write: whatever the connection's state, it is not used again. */
    synchronized void discard() {
        if (lent) {
            broken = true;
        } else {
            closeKept();
        }
    }

    /** For {@code stop()}: closes the kept connection; a later {@code getConnection()} opens a new one. */
    synchronized void close() {
        discard();
    }

    private synchronized void giveBack(Connection real) {
        lent = false;
        if (real != kept) {
            return; // closed by a discard() while lent
        }
        if (!broken) {
            try {
                if (!real.isClosed() && !real.getAutoCommit()) {
                    // left in a transaction: never carry it into the next one
                    real.rollback();
                    real.setAutoCommit(true);
                }
            } catch (SQLException e) {
                broken = true;
            }
        }
        if (broken) {
            closeKept();
        } else {
            returnedAt = clock.instant();
        }
    }

    private void closeKept() {
        Connection c = kept;
        kept = null;
        returnedAt = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already unusable, which is why it goes
            }
        }
    }

    /** The lent view: close() returns the connection, a failed method marks it broken, nothing works once returned. */
    private final class Lease implements InvocationHandler {
        private final Connection real;
        private boolean returned;

        Lease(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!returned) {
                        returned = true;
                        giveBack(real);
                    }
                    return null;
                case "isClosed":
                    return returned || real.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "TaskConnection.Lease{" + (returned ? "returned" : "lent") + "}";
                default:
                    break;
            }
            if (returned) {
                throw new SQLException("connection already closed (returned to the sink task)", "08003");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException) {
                    synchronized (TaskConnection.this) {
                        broken = true;
                    }
                }
                throw e.getCause();
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the sink connects with connection.user and connection.password");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "TaskConnection{" + driver + "}";
    }
}
