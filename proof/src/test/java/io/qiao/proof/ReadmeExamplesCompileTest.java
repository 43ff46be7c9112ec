package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and of each module's README.md compiles, as written, against the published
 * modules: an example that no longer matches the API fails the build instead of misleading a reader.
 *
 * <p>The convention the READMEs follow (stated in README.md, "Examples"): a block that declares a type at its left
 * margin is a whole source file; any other block is a method body, preceded by the {@code import} lines it needs.
 * Blocks are compiled against the test class path without this module's and the unpublished samples' classes, so an
 * example cannot lean on anything a host application does not get from the published artifacts.
 */
class ReadmeExamplesCompileTest {

    // Fences may be indented (inside a list item) and carry more than the language ("```java title").
    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\w*).*$");
    private static final Pattern TYPE_AT_MARGIN =
            Pattern.compile("(?m)^(?:public |final |abstract |sealed )*(?:class|record|interface|enum) (\\w+)");
    private static final Pattern PUBLIC_TYPE =
            Pattern.compile("(?m)^public (?:final |abstract |sealed )*(?:class|record|interface|enum) (\\w+)");

    /** One {@code ```java} block: where it is and what it says. */
    record Block(Path readme, int line, String code) {
        String where() {
            Path shown = readme.startsWith(root()) ? root().relativize(readme) : readme;
            return shown + " block at line " + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheReadmesCompiles(@TempDir Path out) {
        List<Block> blocks = readmes().stream().flatMap(r -> blocksOf(r).stream()).toList();
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.where(), () -> {
            List<String> errors = compile(b, out.resolve("b" + blocks.indexOf(b)));
            assertThat(errors).as(b.where()).isEmpty();
        }));
    }

    @Test
    void theReadmesHaveJavaBlocksToCheck() {
        // Guards the extractor: were it to find nothing, the factory above would pass without checking anything.
        List<Block> blocks = readmes().stream().flatMap(r -> blocksOf(r).stream()).toList();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(blocks.stream().map(Block::readme).distinct())
                .contains(root().resolve("README.md"), root().resolve("testkit/README.md"),
                        root().resolve("jackyun-client/README.md"));
    }

    @Test
    void aBrokenExample_failsNamingTheReadmeTheBlockLineAndTheCompilerError(@TempDir Path dir) throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "# x", "", "```java", "import io.qiao.client.Secret;", "",
                "Secret s = Secret.of(\"a\");", "int n = s.noSuchMethod();", "```", ""));
        List<Block> blocks = blocksOf(readme);
        assertThat(blocks).hasSize(1);

        List<String> errors = compile(blocks.get(0), dir.resolve("out"));

        assertThat(errors).singleElement().asString()
                .contains(readme + " block at line 3")
                .contains("README line 7")
                .contains("noSuchMethod");
    }

    @Test
    void anIndentedBlockWithAFenceTitle_isFoundToo(@TempDir Path dir) throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "- a list item:", "", "  ```java title", "  int n = 1;", "  ```", "", "```sh", "ls", "```", ""));

        assertThat(blocksOf(readme)).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.code()).isEqualTo("int n = 1;\n");
        });
    }

    @Test
    void aBlockDeclaringATopLevelType_isCompiledAsASourceFile(@TempDir Path dir) throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "```java", "import io.qiao.client.Secret;", "",
                "public class Host {", "    Secret s = Secret.of(\"a\");", "}", "```", ""));

        assertThat(compile(blocksOf(readme).get(0), dir.resolve("out"))).isEmpty();
    }

    // ---- extraction and compilation ------------------------------------------------------------------------------

    static Path root() {
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

    static List<Path> readmes() {
        Path root = root();
        List<Path> found = new ArrayList<>();
        found.add(root.resolve("README.md"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(Files::isDirectory).map(m -> m.resolve("README.md")).filter(Files::isRegularFile)
                    .sorted(Comparator.naturalOrder()).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    static List<Block> blocksOf(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            if (open.group(1).toLowerCase(Locale.ROOT).equals("java")) {
                // A block indented inside a list item is read without its indentation, as Markdown shows it.
                int indent = body.stream().filter(l -> !l.isBlank())
                        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                StringBuilder code = new StringBuilder();
                for (String l : body) {
                    code.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
                }
                blocks.add(new Block(readme, start + 1, code.toString()));
            }
        }
        return blocks;
    }

    /**
     * Compiles one block and returns one message per error, each naming the README, the block's line, the README line
     * of the error and the compiler's text; empty when it compiles.
     */
    static List<String> compile(Block block, Path out) throws IOException {
        Files.createDirectories(out);
        Source source = sourceOf(block);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": the README examples are compiled with javax.tools, which needs a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:none", "-implicit:none",
                    "-classpath", publishedClassPath(), "-d", out.toString());
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + source.fileName()),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            };
            compiler.getTask(null, files, diagnostics, options, null, List.of(file)).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            // The block's first line is the one after the fence, so its line n is README line fence + n.
            long readmeLine = d.getLineNumber() < 0 ? -1 : block.line() + d.getLineNumber();
            errors.add(block.where() + ", README line " + readmeLine + ": " + d.getMessage(Locale.ROOT));
        }
        return errors;
    }

    /** The text handed to the compiler; its line n is the block's line n. */
    record Source(String fileName, String text) {
    }

    static Source sourceOf(Block block) {
        String code = block.code();
        if (TYPE_AT_MARGIN.matcher(code).find()) {
            Matcher pub = PUBLIC_TYPE.matcher(code);
            String name = pub.find() ? pub.group(1) : "ReadmeExample";
            return new Source(name + ".java", code);
        }
        // A method body: its leading import lines (and blank lines or comments between them) stay at the top,
        // everything from the first statement on becomes the body of a method that may throw anything.
        String[] lines = code.split("\n", -1);
        int firstStatement = 0;
        while (firstStatement < lines.length && isHeaderLine(lines[firstStatement])) {
            firstStatement++;
        }
        // The wrapper opens on the first statement's line, so that source line n is still block line n.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == firstStatement) {
                text.append("final class ReadmeExample { static void example() throws Exception { ");
            }
            text.append(lines[i]).append('\n');
        }
        text.append("} }\n");
        return new Source("ReadmeExample.java", text.toString());
    }

    private static boolean isHeaderLine(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("import ") || t.startsWith("//");
    }

    /**
     * The test class path without this module's classes and without the unpublished samples, so that an example
     * compiles only with what a host gets from the published artifacts (and their dependencies).
     */
    static String publishedClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .filter(e -> !isUnpublished(Path.of(e).toAbsolutePath().normalize()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isUnpublished(Path entry) {
        Path root = root();
        for (String module : List.of("proof", "samples", "bench")) {
            if (entry.startsWith(root.resolve(module))) {
                return true;
            }
        }
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        return name.startsWith("qiao-samples") || name.startsWith("qiao-proof") || name.startsWith("qiao-bench");
    }
}
