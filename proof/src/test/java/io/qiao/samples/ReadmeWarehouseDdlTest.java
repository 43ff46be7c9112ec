package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The warehouse table README.md shows for the library example is the one the CLI creates, per dialect: a host that
 * copies it gets the table the pipeline writes, and a change to the CLI's table cannot leave the README behind.
 */
class ReadmeWarehouseDdlTest {

    @ParameterizedTest
    @EnumSource(value = Database.Kind.class, names = {"MYSQL", "POSTGRESQL"})
    void readmeShowsTheWarehouseTableTheCliCreates(Database.Kind kind) throws IOException {
        String cli = normalized(JackyunWarehousesToMysql.ddl(kind, "warehouse"));

        assertThat(readmeSqlStatements()).contains(cli);
    }

    private static List<String> readmeSqlStatements() throws IOException {
        List<String> lines = Files.readAllLines(root().resolve("README.md"),
                StandardCharsets.UTF_8);
        StringBuilder sql = new StringBuilder();
        boolean inSql = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inSql = !inSql && line.strip().equals("```sql");
                continue;
            }
            if (inSql && !line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(normalized(statement));
            }
        }
        return statements;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("the repository root (the directory holding mvnw) is not above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** One line, single spaces, no identifier quotes: the same table whatever the layout. */
    private static String normalized(String ddl) {
        return List.of(ddl.replace("`", "").replace("\"", "").split("\\s+")).stream().filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" ")).toUpperCase(Locale.ROOT);
    }
}
