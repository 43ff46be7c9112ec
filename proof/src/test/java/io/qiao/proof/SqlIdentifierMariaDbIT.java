package io.qiao.proof;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The same contract on MariaDB (127.0.0.1:3306, root, database {@code test}); run with -Pit. With
 * {@code allowMultiQueries=true}, the setting under which one statement string can carry a second statement.
 */
class SqlIdentifierMariaDbIT extends SqlIdentifierContract {
    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test?allowMultiQueries=true";

    @Override
    DataSource dataSource() {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(URL);
            ds.setUser("root");
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    List<String> cliDatabase() {
        return List.of("--jdbc-url", URL, "--jdbc-user", "root");
    }
}
