package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the JSON Lines store does (its file format, torn lines, corruption, locking); the behaviour every
 * dead-letter store shares is checked by sync-testkit's {@code DeadLetterStoreContract}, run against this store in
 * that module.
 */
class JsonLinesDeadLetterStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final String PAYLOAD = "{\"io_id\":1001,\"sku_id\":\"SKU-9\",\"name\":\"螺丝\"}";

    @TempDir
    Path dir;

    private DeadLetterStore store;

    @BeforeEach
    void createStore() {
        store = JsonLinesDeadLetterStore.in(dir);
    }

    @AfterEach
    void close() {
        ((JsonLinesDeadLetterStore) store).close();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void eachLine_isAJsonObjectWithThePayloadAsAString() throws Exception {
        JsonLinesDeadLetterStore s = (JsonLinesDeadLetterStore) store;
        DeadLetter d = s.add("orders", "1001", PAYLOAD, Rejection.Stage.VALIDATE,
                List.of("doc_date: '2024/13/01' is not a date yyyy-MM-dd"), "[w)", at(0));
        s.resolve("orders", List.of(d.id()), at(1));
        s.flush();

        List<String> lines = Files.readAllLines(s.fileOf("orders"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("key").asText()).isEqualTo("1001");
        assertThat(first.get("reasons").get(0).asText()).isEqualTo("doc_date: '2024/13/01' is not a date yyyy-MM-dd");
        assertThat(new ObjectMapper().readTree(first.get("payload").asText()).get("name").asText()).isEqualTo("螺丝");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("resolved").asBoolean()).isTrue();
    }

    @Test
    void tornLastLine_fromACrashMidAppend_isIgnored() throws Exception {
        JsonLinesDeadLetterStore s = (JsonLinesDeadLetterStore) store;
        s.add("orders", "1", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.close();
        Files.writeString(s.fileOf("orders"), "{\"id\":\"2\",\"job\":\"ord", StandardOpenOption.APPEND);

        JsonLinesDeadLetterStore reopened = JsonLinesDeadLetterStore.in(dir);

        assertThat(reopened.list("orders", true, 10)).extracting(DeadLetter::key).containsExactly("1");
        assertThat(reopened.add("orders", null, PAYLOAD, Rejection.Stage.MAP, List.of("y"), null, at(1)).id())
                .isEqualTo("2");
        reopened.close();
        // later appends started on a line of their own: the file reads cleanly again
        JsonLinesDeadLetterStore again = JsonLinesDeadLetterStore.in(dir);
        assertThat(again.list("orders", true, 10)).extracting(DeadLetter::id).containsExactly("1", "2");
        again.close();
    }

    @Test
    void completeLastEntryWithoutItsNewline_isKept() throws Exception {
        JsonLinesDeadLetterStore s = (JsonLinesDeadLetterStore) store;
        s.add("orders", "1", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.close();
        String content = Files.readString(s.fileOf("orders"));
        Files.writeString(s.fileOf("orders"), content.substring(0, content.length() - 1));

        JsonLinesDeadLetterStore reopened = JsonLinesDeadLetterStore.in(dir);
        reopened.add("orders", "2", PAYLOAD, Rejection.Stage.MAP, List.of("y"), null, at(1));
        reopened.close();

        assertThat(JsonLinesDeadLetterStore.in(dir).list("orders", true, 10)).extracting(DeadLetter::key)
                .containsExactly("1", "2");
    }

    @Test
    void corruptLineInTheMiddle_isAnErrorNamingFileAndLine() throws Exception {
        JsonLinesDeadLetterStore s = (JsonLinesDeadLetterStore) store;
        s.add("orders", "1", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.add("orders", "2", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.close();
        List<String> lines = Files.readAllLines(s.fileOf("orders"));
        Files.write(s.fileOf("orders"), List.of("garbage", lines.get(1)));

        assertThatThrownBy(() -> JsonLinesDeadLetterStore.in(dir).list("orders", true, 10))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining(s.fileOf("orders").toString())
                .hasMessageContaining("line 1");
    }

    @Test
    void list_ofAFileWithATornLastLine_changesNoByte_andOnlyTheNextWriteRepairsIt_keepingACorruptCopy()
            throws Exception {
        JsonLinesDeadLetterStore s = (JsonLinesDeadLetterStore) store;
        s.add("orders", "1", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.close();
        Path file = s.fileOf("orders");
        Files.writeString(file, "{\"id\":\"2\",\"job\":\"ord", StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        List<String> namesBefore = names();

        JsonLinesDeadLetterStore reader = JsonLinesDeadLetterStore.in(dir);
        assertThat(reader.list("orders", true, 10)).extracting(DeadLetter::key).containsExactly("1");
        assertThat(reader.find("orders", "1")).isPresent();
        reader.summary("orders", at(0), at(10));
        reader.close();

        assertThat(Files.readAllBytes(file)).as("a read changes no byte").isEqualTo(before);
        assertThat(names()).as("and creates no file").isEqualTo(namesBefore);

        JsonLinesDeadLetterStore writer = JsonLinesDeadLetterStore.in(dir);
        writer.add("orders", "3", PAYLOAD, Rejection.Stage.MAP, List.of("y"), null, at(1));
        writer.close();
        assertThat(Files.readAllBytes(dir.resolve(file.getFileName() + ".corrupt"))).isEqualTo(before);
        assertThat(JsonLinesDeadLetterStore.in(dir).list("orders", true, 10)).extracting(DeadLetter::key)
                .containsExactly("1", "3");
    }

    @Test
    void readsOfADirectoryThatDoesNotExist_createNothing() {
        Path missing = dir.resolve("not-yet");
        JsonLinesDeadLetterStore reader = JsonLinesDeadLetterStore.in(missing);
        assertThat(reader.list("orders", true, 10)).isEmpty();
        reader.close();
        assertThat(missing).doesNotExist();
    }

    @Test
    void entriesAppendedToAFileDeletedBeforeTheFlush_areWrittenAgain_intoARecreatedDirectory() throws Exception {
        Path sub = dir.resolve("state/dead-letters");
        JsonLinesDeadLetterStore s = JsonLinesDeadLetterStore.in(sub);
        s.add("orders", "1", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.add("orders", "2", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        deleteRecursively(dir.resolve("state")); // an operator deletes the state directory under a running schedule

        s.flush(); // the engine, before it moves the checkpoint past the window
        s.add("orders", "3", PAYLOAD, Rejection.Stage.MAP, List.of("x"), null, at(0));
        s.close();

        assertThat(JsonLinesDeadLetterStore.in(sub).list("orders", true, 10)).extracting(DeadLetter::key)
                .containsExactly("1", "2", "3");
    }

    private List<String> names() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
