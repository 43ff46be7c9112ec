package io.qiao.jushuitan;

import org.mariadb.jdbc.MariaDbDataSource;

/** Against MariaDB on 127.0.0.1:3306 (root, no password, database test); runs with -Pit. */
class JdbcTokenStoreMariaDbIT extends TokenStoreContract {
    @Override
    TokenStore newStore() throws Exception {
        return TokenStore.jdbc(new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root"),
                "qiao_jushuitan_token_it");
    }
}
