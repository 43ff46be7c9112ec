package io.qiao.proof;

import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The same contract on PostgreSQL (127.0.0.1:5432, postgres, database {@code test}); run with -Pit. Its driver
 * runs several statements in one string by default, which is how the table name dropped a table.
 */
class SqlIdentifierPostgresIT extends SqlIdentifierContract {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(URL);
        ds.setUser("postgres");
        return ds;
    }

    @Override
    List<String> cliDatabase() {
        return List.of("--jdbc-url", URL, "--jdbc-user", "postgres");
    }

    /** PostgreSQL's text types cannot hold NUL at all; the rest of each value is stored as it is. */
    @Override
    String storable(String value) {
        return value.replace("\u0000", "");
    }
}
