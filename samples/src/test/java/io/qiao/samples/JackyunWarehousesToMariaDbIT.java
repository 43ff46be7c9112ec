package io.qiao.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Pipeline 1 into a real MariaDB (127.0.0.1:3306, root). */
class JackyunWarehousesToMariaDbIT extends JackyunWarehousesIntoServerContract {
    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/" + SCHEMA;
    }

    @Override
    String user() {
        return "root";
    }

    @Override
    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " DEFAULT CHARACTER SET utf8mb4");
        }
    }
}
