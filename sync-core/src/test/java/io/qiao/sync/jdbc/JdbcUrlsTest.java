package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcUrlsTest {

    /**
     * Every form a password takes in a JDBC URL: the URL, and what may be shown of it ("***" for the mask). "DbPw" is
     * the secret.
     */
    static Stream<Arguments> forms() {
        return Stream.of(
                // user info, MySQL / MariaDB / PostgreSQL style
                arguments("jdbc:mysql://probe:DbPw@127.0.0.1:3306/x", "jdbc:mysql://probe:***@127.0.0.1:3306/x"),
                arguments("jdbc:mariadb://probe:DbPw@db.example.com/x?useSsl=true",
                        "jdbc:mariadb://probe:***@db.example.com/x?useSsl=true"),
                arguments("jdbc:postgresql://probe:DbPw@[::1]:5432/test", "jdbc:postgresql://probe:***@[::1]:5432/test"),
                arguments("jdbc:mysql://probe@127.0.0.1/x", "jdbc:mysql://probe@127.0.0.1/x"),
                // user info in any position of a host list, bracketed or not
                arguments("jdbc:mysql://h1:3306,probe:DbPw@h2:3307/x", "jdbc:mysql://h1:3306,probe:***@h2:3307/x"),
                arguments("jdbc:mysql://a:DbPw@h1:3306,b:DbPw@h2:3307/x", "jdbc:mysql://a:***@h1:3306,b:***@h2:3307/x"),
                arguments("jdbc:mysql:replication://[a:DbPw@h1,b:DbPw@h2]/x",
                        "jdbc:mysql:replication://[a:***@h1,b:***@h2]/x"),
                // unencoded '@', '/', ',', '?' in the password: masked coarsely, never shown
                arguments("jdbc:mysql://probe:D@bPw@h1/x", "jdbc:mysql://probe:***@h1/x"),
                arguments("jdbc:mysql://probe:Db/Pw@h1/x", "jdbc:mysql://probe:***@h1/x"),
                arguments("jdbc:mysql://probe:Db,Pw@h1/x", "jdbc:mysql://probe:***@h1/x"),
                arguments("jdbc:mysql://probe:12,34@h1/x", "jdbc:mysql://probe:***@h1/x"),
                arguments("jdbc:mysql://probe:Db?Pw@h1/x?user=a@b.c", "jdbc:mysql://probe:***@h1/x?user=a@b.c"),
                // MySQL key-value hosts
                arguments("jdbc:mysql://(host=127.0.0.1,port=3306,user=probe,password=DbPw)/x",
                        "jdbc:mysql://(host=127.0.0.1,port=3306,user=probe,password=***)/x"),
                arguments("jdbc:mysql://address=(host=127.0.0.1)(port=3306)(password=DbPw)(user=probe)/x",
                        "jdbc:mysql://address=(host=127.0.0.1)(port=3306)(password=***)(user=probe)/x"),
                arguments("jdbc:mysql://probe:DbPw@(host=h,port=3306)/x", "jdbc:mysql://probe:***@(host=h,port=3306)/x"),
                // the query string, in any position and case, every secret-looking key
                arguments("jdbc:postgresql://h/test?user=probe&password=DbPw", "jdbc:postgresql://h/test?user=probe&password=***"),
                arguments("jdbc:postgresql://h/test?PASSWORD=DbPw&user=probe", "jdbc:postgresql://h/test?PASSWORD=***&user=probe"),
                arguments("jdbc:postgresql://h/test?sslmode=require&sslpassword=DbPw&ssl=true",
                        "jdbc:postgresql://h/test?sslmode=require&sslpassword=***&ssl=true"),
                arguments("jdbc:mysql://h/x?trustCertificateKeyStorePassword=DbPw&clientCertificateKeyStorePassword=DbPw",
                        "jdbc:mysql://h/x?trustCertificateKeyStorePassword=***&clientCertificateKeyStorePassword=***"),
                arguments("jdbc:mysql://h/x?password1=DbPw&password2=DbPw", "jdbc:mysql://h/x?password1=***&password2=***"),
                arguments("jdbc:mariadb://h/x?pwd=DbPw&passwd=DbPw&secret=DbPw&token=DbPw&keyStorePassword=DbPw",
                        "jdbc:mariadb://h/x?pwd=***&passwd=***&secret=***&token=***&keyStorePassword=***"),
                arguments("jdbc:mysql://h/x?password=Db,P)w&user=probe", "jdbc:mysql://h/x?password=***&user=probe"),
                // ';' settings: H2, SQL Server (with a braced value)
                arguments("jdbc:h2:tcp://127.0.0.1/~/qiao;USER=sa;PASSWORD=DbPw;AUTO_SERVER=TRUE",
                        "jdbc:h2:tcp://127.0.0.1/~/qiao;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE"),
                arguments("jdbc:h2:file:/tmp/qiao;password=DbPw", "jdbc:h2:file:/tmp/qiao;password=***"),
                arguments("jdbc:sqlserver://h:1433;databaseName=x;user=probe;password={Db;Pw};encrypt=true",
                        "jdbc:sqlserver://h:1433;databaseName=x;user=probe;password=***;encrypt=true"),
                // quoted values
                arguments("jdbc:mysql://(host=h,password='Db,Pw',port=3306)/x", "jdbc:mysql://(host=h,password=***,port=3306)/x"),
                // Oracle's user/password@
                arguments("jdbc:oracle:thin:probe/DbPw@h:1521:orcl", "jdbc:oracle:thin:probe/***@h:1521:orcl"),
                arguments("jdbc:oracle:thin:probe/DbPw@//h:1521/svc", "jdbc:oracle:thin:probe/***@//h:1521/svc"),
                // nothing to hide: unchanged
                arguments("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"),
                arguments("jdbc:oracle:thin:@//h:1521/svc", "jdbc:oracle:thin:@//h:1521/svc"),
                arguments("jdbc:mariadb://h1,h2:3307/x?user=a@b.c", "jdbc:mariadb://h1,h2:3307/x?user=a@b.c"));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void redact_masksEveryPasswordForm_andKeepsHostPortAndDatabase(String url, String shown) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(shown.replace("***", JdbcUrls.MASK)).doesNotContain("DbPw").doesNotContain("Db,Pw");
    }

    @Test
    void redactIn_masksEveryUrlInsideAMessage() {
        String message = "No suitable driver found for jdbc:mysql://probe:DbPw@127.0.0.1:3306/x; tried "
                + "'jdbc:postgresql://h/test?password=DbPw' too";

        assertThat(JdbcUrls.redactIn(message)).isEqualTo(("No suitable driver found for "
                + "jdbc:mysql://probe:***@127.0.0.1:3306/x; tried 'jdbc:postgresql://h/test?password=***' too")
                .replace("***", JdbcUrls.MASK));
    }

    @Test
    void redact_ofNull_isNull_andTextWithoutUrlIsUnchanged() {
        assertThat(JdbcUrls.redact(null)).isNull();
        assertThat(JdbcUrls.redactIn(null)).isNull();
        assertThat(JdbcUrls.redactIn("connection refused")).isEqualTo("connection refused");
    }

    /** A slice's last_error is stored in the database for anyone who reads the table: no password of a URL in it. */
    @Test
    void backfillLastError_masksThePasswordOfAJdbcUrlAnywhereInTheCauseChain() {
        Exception error = new IllegalStateException("slice failed", new java.sql.SQLException(
                "No suitable driver found for jdbc:mysql://probe:DbPw@127.0.0.1:3306/x?password=DbPw2"));

        String stored = JdbcBackfill.describe(error);

        assertThat(stored).contains("slice failed").contains("jdbc:mysql://probe:" + JdbcUrls.MASK + "@127.0.0.1:3306/x")
                .doesNotContain("DbPw");
    }
}
