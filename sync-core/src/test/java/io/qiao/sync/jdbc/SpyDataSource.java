package io.qiao.sync.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that records what the code under test does (statements prepared, updates executed, commits)
 * and can break the connection at a chosen point: before the N-th executed update of a transaction, or at
 * commit. Breaking means really ending the session ({@link TestDatabase#kill}), so the database, not this
 * class, decides what survives.
 */
final class SpyDataSource implements DataSource {
    private final DataSource target;
    private final TestDatabase database;
    final List<String> prepared = new CopyOnWriteArrayList<>();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    /** The threads that executed a writing statement (the parallel writer's partitions run on several). */
    final java.util.Set<String> writingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int killBeforeUpdate = -1;
    private volatile boolean killAtCommit;

    SpyDataSource(DataSource target, TestDatabase database) {
        this.target = target;
        this.database = database;
    }

    /** Kills the session just before the n-th (1-based) executeUpdate from now on. */
    void killBeforeUpdate(int n) {
        killBeforeUpdate = updates.get() + n;
    }

    void killAtCommit() {
        killAtCommit = true;
    }

    void heal() {
        killBeforeUpdate = -1;
        killAtCommit = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = target.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(real));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("commit") && killAtCommit) {
                killAtCommit = false;
                database.kill(target, real);
            }
            if (method.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            Object result = call(real, method, args);
            if (result instanceof PreparedStatement ps) {
                prepared.add((String) args[0]);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        new StatementHandler(real, ps, (String) args[0]));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Connection connection;
        private final PreparedStatement real;
        private final boolean writes;

        StatementHandler(Connection connection, PreparedStatement real, String sql) {
            this.connection = connection;
            this.real = real;
            // PostgreSQL's upsert returns rows (RETURNING), so it runs as a query; it is an update all the same
            this.writes = !sql.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT");
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("executeUpdate")
                    || (writes && method.getName().equals("executeQuery") && (args == null || args.length == 0))) {
                writingThreads.add(Thread.currentThread().getName());
                int n = updates.incrementAndGet();
                if (n == killBeforeUpdate) {
                    killBeforeUpdate = -1;
                    database.kill(target, connection);
                }
            }
            return call(real, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
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
}
