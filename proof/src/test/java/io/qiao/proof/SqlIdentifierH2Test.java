package io.qiao.proof;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The contract on an H2 file database, which the CLI in its own process reaches through AUTO_SERVER. */
class SqlIdentifierH2Test extends SqlIdentifierContract {
    private String url;

    @Override
    DataSource dataSource() {
        url = "jdbc:h2:file:" + dir.resolve("ident_" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    @Override
    List<String> cliDatabase() {
        return List.of("--jdbc-url", url, "--jdbc-user", "sa");
    }
}
