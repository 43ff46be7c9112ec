package io.qiao.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Pipeline 1 into a real PostgreSQL (127.0.0.1:5432, postgres). */
class JackyunWarehousesToPostgresIT extends JackyunWarehousesIntoServerContract {
    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
    }
}
