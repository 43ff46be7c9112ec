package io.qiao.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator spoken to with plain java.net.http, the way the vendor spec describes the wire. */
class ArchiveSimulatorTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension(ArchiveSimulator.builder()
            .tokenLifetime(Duration.ofMinutes(10)).build());

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void token_withRightCredentials_isIssuedAndExpiresWithSimulatedTime() throws Exception {
        ArchiveSimulator sim = archive.simulator();
        JsonNode token = post("/api/auth/token", null, tokenBody(sim.appSecret())).body;
        assertThat(token.get("expiresIn").asLong()).isEqualTo(600);
        assertThat(token.get("tokenType").asText()).isEqualTo("Bearer");
        String bearer = token.get("accessToken").asText();

        assertThat(get("/api/archive/query?startDate=2024-01-01&endDate=2024-01-31", bearer).status).isEqualTo(200);
        sim.advanceTime(Duration.ofMinutes(10));
        Answer expired = get("/api/archive/query?startDate=2024-01-01&endDate=2024-01-31", bearer);
        assertThat(expired.status).isEqualTo(401);
        assertThat(expired.body.get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void requests_listWhatWasReceivedSinceTheLastReset_oldestFirst_withoutShowingSecrets() throws Exception {
        ArchiveSimulator sim = archive.simulator();
        post("/api/auth/token", null, tokenBody("stale"));
        sim.reset();
        String bearer = token();
        get("/api/archive/query?startDate=2024-01-01&endDate=2024-01-31", bearer);

        assertThat(sim.requests()).extracting(SimulatedRequest::method, SimulatedRequest::path)
                .containsExactly(org.assertj.core.api.Assertions.tuple("POST", "/api/auth/token"),
                        org.assertj.core.api.Assertions.tuple("GET", "/api/archive/query"));
        SimulatedRequest query = sim.requests().get(1);
        assertThat(query.url()).isEqualTo("/api/archive/query?startDate=2024-01-01&endDate=2024-01-31");
        assertThat(query.header("authorization")).isEqualTo("Bearer " + bearer);
        assertThat(sim.requests().get(0).body()).contains(sim.appSecret());
        assertThat(sim.requests().toString()).doesNotContain(sim.appSecret()).doesNotContain(bearer);
    }

    @Test
    void requests_withTheJournalOff_isRefusedSayingSo() {
        try (ArchiveSimulator quiet = ArchiveSimulator.builder().requestJournal(false).build().start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(quiet::requests)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("requestJournal(false)");
        }
    }

    @Test
    void token_withWrongSecret_is401WithErrorBody() throws Exception {
        Answer a = post("/api/auth/token", null, tokenBody("wrong"));
        assertThat(a.status).isEqualTo(401);
        assertThat(a.body.get("code").asText()).isEqualTo("INVALID_CLIENT");
        assertThat(a.body.has("requestId")).isTrue();
    }

    @Test
    void create_withDuplicateArchiveNo_is409AndNamesTheExistingRecord() throws Exception {
        String bearer = token();
        String record = "{\"archiveNo\":\"Z109-WS·2024-Y-BGS-0001\",\"title\":\"会议纪要\",\"author\":\"办公室\","
                + "\"docDate\":\"2024-03-01\",\"retentionPeriod\":\"永久\"}";
        Answer first = post("/api/archive/create", bearer, record);
        assertThat(first.status).isEqualTo(200);
        Answer second = post("/api/archive/create", bearer, record);
        assertThat(second.status).isEqualTo(409);
        assertThat(second.body.get("code").asText()).isEqualTo("DUPLICATE_ARCHIVE_NO");
        assertThat(second.body.get("archiveId").asLong()).isEqualTo(first.body.get("archiveId").asLong());
        assertThat(archive.simulator().records()).hasSize(1);
    }

    @Test
    void upload_recordsUtf8NameSizeAndSha256_andRefusesAWrongDeclaredChecksum() throws Exception {
        String bearer = token();
        long id = createRecord(bearer, "A-1", "2024-03-01");
        byte[] content = "%PDF-1.7 test".getBytes(StandardCharsets.UTF_8);
        Answer ok = upload(bearer, id, "会议纪要.pdf", content, sha256(content));
        assertThat(ok.status).isEqualTo(200);
        SimulatedFile f = archive.simulator().files().get(0);
        assertThat(f.fileName()).isEqualTo("会议纪要.pdf");
        assertThat(f.size()).isEqualTo(content.length);
        assertThat(f.sha256()).isEqualTo(sha256(content));

        Answer bad = upload(bearer, id, "b.pdf", content, "0".repeat(64));
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.body.get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(archive.simulator().files()).hasSize(1);
    }

    @Test
    void query_pagesThroughRecordsOfTheDateRange() throws Exception {
        String bearer = token();
        for (int i = 1; i <= 5; i++) {
            createRecord(bearer, "N-" + i, "2024-03-0" + i);
        }
        createRecord(bearer, "OTHER", "2024-04-01");
        JsonNode p1 = get("/api/archive/query?startDate=2024-03-01&endDate=2024-03-31&page=1&pageSize=2", bearer).body;
        JsonNode p3 = get("/api/archive/query?startDate=2024-03-01&endDate=2024-03-31&page=3&pageSize=2", bearer).body;
        assertThat(p1.get("total").asInt()).isEqualTo(5);
        assertThat(p1.get("records")).hasSize(2);
        assertThat(p3.get("records")).hasSize(1);
        assertThat(p3.get("records").get(0).get("archiveNo").asText()).isEqualTo("N-5");
    }

    @Test
    void faults_failTheSecondUploadOnly() throws Exception {
        String bearer = token();
        long id = createRecord(bearer, "F-1", "2024-03-01");
        archive.simulator().faults().failUpload(2);
        byte[] c = {1, 2, 3};
        assertThat(upload(bearer, id, "1.pdf", c, sha256(c)).status).isEqualTo(200);
        assertThat(upload(bearer, id, "2.pdf", c, sha256(c)).status).isEqualTo(500);
        assertThat(upload(bearer, id, "2.pdf", c, sha256(c)).status).isEqualTo(200);
        assertThat(archive.simulator().files()).extracting(SimulatedFile::fileName).containsExactly("1.pdf", "2.pdf");
        assertThat(archive.simulator().requestCount(ArchiveFaults.Operation.UPLOAD)).isEqualTo(3);
    }

    @Test
    void faults_failAfterStoring_keepsTheRecordButAnswers500() throws Exception {
        String bearer = token();
        archive.simulator().faults().failCreateAfterStoring(1);
        Answer a = post("/api/archive/create", bearer, "{\"archiveNo\":\"X\",\"title\":\"t\",\"author\":\"a\","
                + "\"docDate\":\"2024-03-01\",\"retentionPeriod\":\"永久\"}");
        assertThat(a.status).isEqualTo(500);
        assertThat(archive.simulator().record("X")).isPresent();
    }

    // --- plumbing

    private record Answer(int status, JsonNode body) {
    }

    private String tokenBody(String secret) {
        return "{\"appKey\":\"" + archive.simulator().appKey() + "\",\"appSecret\":\"" + secret
                + "\",\"grantType\":\"client_credentials\"}";
    }

    private String token() throws Exception {
        return post("/api/auth/token", null, tokenBody(archive.simulator().appSecret())).body.get("accessToken").asText();
    }

    private long createRecord(String bearer, String archiveNo, String docDate) throws Exception {
        Answer a = post("/api/archive/create", bearer, "{\"archiveNo\":\"" + archiveNo + "\",\"title\":\"t\","
                + "\"author\":\"a\",\"docDate\":\"" + docDate + "\",\"retentionPeriod\":\"10年\"}");
        assertThat(a.status).isEqualTo(200);
        return a.body.get("archiveId").asLong();
    }

    private Answer upload(String bearer, long id, String name, byte[] content, String sha) throws Exception {
        String boundary = "b0undary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\n" + sha
                + "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(content, 0, body, h.length, content.length);
        System.arraycopy(t, 0, body, h.length + content.length, t.length);
        HttpRequest r = HttpRequest.newBuilder(uri("/api/archive/" + URLEncoder.encode(Long.toString(id),
                        StandardCharsets.UTF_8) + "/files"))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(r);
    }

    private Answer post(String path, String bearer, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return send(b.build());
    }

    private Answer get(String path, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer).GET().build());
    }

    private Answer send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(resp.statusCode(), mapper.readTree(resp.body()));
    }

    private URI uri(String path) {
        return URI.create(archive.simulator().endpoint() + path);
    }

    private static String sha256(byte[] c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c));
    }
}
