package io.qiao.proof;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The same contract on MariaDB (127.0.0.1:3306, root, database {@code test}); run with -Pit. */
class SqlIdentifierMariaDbIT extends SqlIdentifierContract {
    @Override
    DataSource dataSource() {
        try {
            MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test");
            ds.setUser("root");
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
