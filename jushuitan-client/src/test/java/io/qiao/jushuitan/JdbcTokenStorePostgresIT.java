package io.qiao.jushuitan;

import org.postgresql.ds.PGSimpleDataSource;

/** Against PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test); runs with -Pit. */
class JdbcTokenStorePostgresIT extends TokenStoreContract {
    @Override
    TokenStore newStore() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        return TokenStore.jdbc(ds, "qiao_jushuitan_token_it");
    }
}
