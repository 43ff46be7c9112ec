package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlNamesTest {

    @Test
    void checkIdentifier_acceptsPlainNames() {
        for (String ok : List.of("id", "warehouse_code", "_x", "F103", "a$b", "x".repeat(63))) {
            assertThat(SqlNames.checkIdentifier("column", ok)).isEqualTo(ok);
        }
    }

    @Test
    void checkIdentifier_refusesAnythingThatCouldCarrySql_namingTheValue() {
        for (String bad : List.of("", "1abc", "a b", "a;b", "a`b", "a\"b", "a-b", "a.b", "x".repeat(64), "名字")) {
            assertThatThrownBy(() -> SqlNames.checkIdentifier("key column", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("key column '" + bad + "' is not a valid SQL identifier");
        }
    }

    @Test
    void checkTable_allowsOneSchemaQualifier() {
        assertThat(SqlNames.checkTable("table", "erp.warehouse")).isEqualTo("erp.warehouse");
        assertThatThrownBy(() -> SqlNames.checkTable("table", "a.b.c")).hasMessageContaining("more than one '.'");
        assertThatThrownBy(() -> SqlNames.checkTable("table", "erp.ware house")).hasMessageContaining("'erp.ware house'");
    }

    @Test
    void quote_foldsToTheCaseTheDatabaseStoresUnquotedNamesIn() {
        assertThat(new SqlNames(Dialect.MYSQL, SqlNames.Fold.NONE).quote("erp.Warehouse")).isEqualTo("`erp`.`Warehouse`");
        assertThat(new SqlNames(Dialect.POSTGRESQL, SqlNames.Fold.LOWER).quote("Warehouse")).isEqualTo("\"warehouse\"");
        assertThat(new SqlNames(Dialect.H2, SqlNames.Fold.UPPER).quote("cursor")).isEqualTo("\"CURSOR\"");
    }
}
