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
    void checkIdentifier_refusesAnythingThatCouldCarrySql_namingTheOptionAndTheValue() {
        for (String bad : List.of("", "1abc", "a b", "a;b", "a`b", "a\"b", "a-b", "a.b", "x".repeat(64), "名字",
                "a--b", "a/*b", "$a")) {
            assertThatThrownBy(() -> SqlNames.checkIdentifier("JdbcUpsertSink.Builder.key", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("JdbcUpsertSink.Builder.key '" + bad + "' is not a valid SQL identifier: ")
                    .hasMessageEndingWith("use 1-63 ASCII letters, digits, '_' or '$', starting with a letter or '_'");
        }
    }

    @Test
    void checkIdentifier_refusesLookAlikeLetters_sayingWhichCharacterItIsAndWhere() {
        String cyrillicA = "w\u0430rehouse";
        assertThatThrownBy(() -> SqlNames.checkIdentifier("JdbcSource.Builder.id", cyrillicA))
                .hasMessageContaining("'\u0430' (U+0430 CYRILLIC SMALL LETTER A) at position 2 is not allowed");
        String fullwidth = "\uFF57arehouse";
        assertThatThrownBy(() -> SqlNames.checkIdentifier("JdbcSource.Builder.id", fullwidth))
                .hasMessageContaining("(U+FF57 FULLWIDTH LATIN SMALL LETTER W) at position 1");
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "a\u00A0b"))
                .hasMessageContaining("U+00A0 NO-BREAK SPACE");
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "9lives"))
                .hasMessageContaining("'9' (U+0039 DIGIT NINE) at position 1 is not allowed first");
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "x".repeat(64)))
                .hasMessageContaining("it is 64 characters long");
    }

    @Test
    void messages_escapeControlAndInvisibleCharacters_andCutLongValues() {
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "a\nDROP TABLE x"))
                .hasMessageStartingWith("column 'a\\u000ADROP TABLE x' is not")
                .hasMessageContaining("U+000A LINE FEED (LF) at position 2")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "ab\u202Ec"))
                .hasMessageStartingWith("column 'ab\\u202Ec'")
                .hasMessageContaining("U+202E RIGHT-TO-LEFT OVERRIDE at position 3");
        assertThatThrownBy(() -> SqlNames.checkIdentifier("column", "a b" + "x".repeat(200)))
                .hasMessageStartingWith("column 'a b" + "x".repeat(77) + "...' is not");
    }

    @Test
    void checkTable_allowsOneSchemaQualifier_andSaysWhichPartIsWrong() {
        assertThat(SqlNames.checkTable("table", "erp.warehouse")).isEqualTo("erp.warehouse");
        assertThatThrownBy(() -> SqlNames.checkTable("table", "a.b.c")).hasMessageContaining("it has more than one '.'");
        assertThatThrownBy(() -> SqlNames.checkTable("--warehouse-table", "erp.ware house"))
                .hasMessage("--warehouse-table 'erp.ware house' is not a valid table name: in its table part, ' ' "
                        + "(U+0020 SPACE) at position 9 is not allowed; use table or schema.table, each part 1-63 ASCII "
                        + "letters, digits, '_' or '$', starting with a letter or '_'");
        assertThatThrownBy(() -> SqlNames.checkTable("table", "erp."))
                .hasMessageContaining("in its table part, it is empty");
        assertThatThrownBy(() -> SqlNames.checkTable("table", ".t"))
                .hasMessageContaining("in its schema part, it is empty");
        assertThatThrownBy(() -> SqlNames.checkTable("table", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("table must not be null");
    }

    @Test
    void quote_foldsToTheCaseTheDatabaseStoresUnquotedNamesIn() {
        assertThat(new SqlNames(Dialect.MYSQL, SqlNames.Fold.NONE).quote("erp.Warehouse")).isEqualTo("`erp`.`Warehouse`");
        assertThat(new SqlNames(Dialect.POSTGRESQL, SqlNames.Fold.LOWER).quote("Warehouse")).isEqualTo("\"warehouse\"");
        assertThat(new SqlNames(Dialect.H2, SqlNames.Fold.UPPER).quote("cursor")).isEqualTo("\"CURSOR\"");
    }

    @Test
    void derived_keepsIndexNamesWithinTheLimit_andApart() {
        assertThat(SqlNames.derived("erp.dl", "_key_idx")).isEqualTo("erp_dl_key_idx");
        String a = SqlNames.derived("t".repeat(60) + "a", "_key_idx");
        String b = SqlNames.derived("t".repeat(60) + "b", "_key_idx");
        assertThat(a).hasSize(63).endsWith("_key_idx").isNotEqualTo(b);
        assertThat(SqlNames.checkIdentifier("index", a)).isEqualTo(a);
    }
}
