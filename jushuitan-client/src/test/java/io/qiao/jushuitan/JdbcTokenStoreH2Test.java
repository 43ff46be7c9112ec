package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcTokenStoreH2Test extends TokenStoreContract {
    @Override
    TokenStore newStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jst-tokens;DB_CLOSE_DELAY=-1");
        return TokenStore.jdbc(ds);
    }

    @Test
    void jdbc_refusesATableNameThatIsNotPlainSql() {
        assertThatThrownBy(() -> TokenStore.jdbc(new JdbcDataSource(), "t; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL name");
    }
}
