package io.qiao.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SOAP simulator spoken to with hand-written envelopes, as a vendor's service would be. */
class ArchiveSoapSimulatorTest {
    private static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String S12 = "http://www.w3.org/2003/05/soap-envelope";
    private final HttpClient http = HttpClient.newHttpClient();
    private ArchiveSoapSimulator sim;

    @BeforeEach
    void start() {
        sim = new ArchiveSoapSimulator().start();
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private HttpResponse<String> post11(String operation, String header, String body) throws Exception {
        String env = "<s:Envelope xmlns:s=\"" + S11 + "\" xmlns:t=\"urn:qiao:archive:ws:1\">"
                + (header == null ? "" : "<s:Header>" + header + "</s:Header>")
                + "<s:Body><t:" + operation + ">" + body + "</t:" + operation + "></s:Body></s:Envelope>";
        return http.send(HttpRequest.newBuilder(sim.endpoint()).header("Content-Type", "text/xml; charset=utf-8")
                        .header("SOAPAction", "\"urn:qiao:archive:ws:1#" + operation + "\"")
                        .POST(HttpRequest.BodyPublishers.ofString(env)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        String answer = post11("Authenticate", null, "<t:appKey>" + sim.credentials().appKey() + "</t:appKey>"
                + "<t:appSecret>" + sim.credentials().appSecret() + "</t:appSecret>").body();
        return answer.replaceAll(".*<tns:accessToken>([^<]+)</tns:accessToken>.*", "$1");
    }

    private long record(String token) throws Exception {
        String answer = post11("CreateArchive", "<t:Token>" + token + "</t:Token>", "<t:archiveNo>A-1</t:archiveNo>"
                + "<t:title>题名</t:title><t:author>办公室</t:author><t:docDate>2024-03-01</t:docDate>"
                + "<t:retentionPeriod>永久</t:retentionPeriod>").body();
        return Long.parseLong(answer.replaceAll(".*<tns:archiveId>([0-9]+)</tns:archiveId>.*", "$1"));
    }

    @Test
    void upload_decodesTheBase64Content_andStoresItsSizeAndSha256() throws Exception {
        String token = token();
        long id = record(token);
        byte[] content = "会议纪要的内容".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String b64 = Base64.getEncoder().encodeToString(content);

        HttpResponse<String> r = post11("UploadFile", "<t:Token>" + token + "</t:Token>", "<t:archiveId>" + id
                + "</t:archiveId><t:fileName>纪要.pdf</t:fileName><t:contentType>application/pdf</t:contentType>"
                + "<t:fileSize>" + content.length + "</t:fileSize><t:content>" + b64.substring(0, 5) + "\n"
                + b64.substring(5) + "</t:content><t:sha256>" + sha + "</t:sha256>");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<tns:sha256>" + sha + "</tns:sha256>");
        SimulatedFile f = sim.files().get(0);
        assertThat(f.size()).isEqualTo(content.length);
        assertThat(f.sha256()).isEqualTo(sha);
        assertThat(f.fileName()).isEqualTo("纪要.pdf");
    }

    /** A hand-written MTOM upload (SOAP 1.2): the envelope as root part, {@code parts} after it verbatim. */
    private HttpResponse<String> postMtom(String token, long id, String href, String sha, byte[] parts)
            throws Exception {
        String env = "<s:Envelope xmlns:s=\"" + S12 + "\" xmlns:t=\"urn:qiao:archive:ws:1\"><s:Header><t:Token>" + token
                + "</t:Token></s:Header><s:Body><t:UploadFile><t:archiveId>" + id + "</t:archiveId>"
                + "<t:fileName>扫描.tif</t:fileName><t:content><xop:Include xmlns:xop="
                + "\"http://www.w3.org/2004/08/xop/include\" href=\"" + href + "\"/></t:content><t:sha256>" + sha
                + "</t:sha256></t:UploadFile></s:Body></s:Envelope>";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--MIME_b\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-ID: <root@x>\r\n\r\n" + env).getBytes(StandardCharsets.UTF_8));
        body.write(parts);
        return http.send(HttpRequest.newBuilder(sim.endpoint()).header("Content-Type", "multipart/related; "
                        + "type=\"application/xop+xml\"; boundary=\"MIME_b\"; start=\"<root@x>\"; "
                        + "start-info=\"application/soap+xml\"; action=\"urn:qiao:archive:ws:1#UploadFile\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upload_overMtom_digestsTheBinaryPartTheIncludeNames_andRefusesABadDigestAMissingPartOrBrokenFraming()
            throws Exception {
        String token = token();
        long id = record(token);
        byte[] content = new byte[200_000];
        new java.util.Random(3).nextBytes(content);
        byte[] lookalike = "\r\n--MIME_".getBytes(StandardCharsets.US_ASCII); // a boundary's start, not a boundary
        System.arraycopy(lookalike, 0, content, 65_530, lookalike.length);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();
        parts.write("\r\n--MIME_b\r\nContent-Type: image/tiff\r\nContent-ID: <f%201@x>\r\n\r\n"
                .replace("%20", " ").getBytes(StandardCharsets.US_ASCII));
        parts.write(content);
        parts.write("\r\n--MIME_b--\r\n".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> ok = postMtom(token, id, "cid:f%201@x", sha, parts.toByteArray());

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(sim.files()).singleElement().satisfies(f -> {
            assertThat(f.size()).isEqualTo(content.length);
            assertThat(f.sha256()).isEqualTo(sha);
        });
        HttpResponse<String> badSha = postMtom(token, id, "cid:f%201@x", "0".repeat(64), parts.toByteArray());
        assertThat(badSha.statusCode()).isEqualTo(400);
        assertThat(badSha.body()).contains("CHECKSUM_MISMATCH");
        HttpResponse<String> missing = postMtom(token, id, "cid:other@x", sha, parts.toByteArray());
        assertThat(missing.body()).contains("INVALID_CONTENT").contains("cid:other@x");
        byte[] unclosed = java.util.Arrays.copyOf(parts.toByteArray(), parts.size() - 14);
        HttpResponse<String> broken = postMtom(token, id, "cid:f%201@x", sha, unclosed);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("MALFORMED_MULTIPART").contains("without a closing boundary");
        assertThat(sim.files()).hasSize(1);
    }

    @Test
    void upload_whoseDeclaredSha256DoesNotMatch_isAClientFault_andStoresNothing() throws Exception {
        String token = token();
        long id = record(token);

        HttpResponse<String> r = post11("UploadFile", "<t:Token>" + token + "</t:Token>", "<t:archiveId>" + id
                + "</t:archiveId><t:fileName>a.pdf</t:fileName><t:content>AAAA</t:content><t:sha256>"
                + "0".repeat(64) + "</t:sha256>");

        assertThat(r.statusCode()).isEqualTo(500); // SOAP 1.1: every fault is HTTP 500
        assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>").contains("CHECKSUM_MISMATCH");
        assertThat(sim.files()).isEmpty();
    }

    @Test
    void aRequestWithoutToken_aWrongAction_andAVersionMismatch_areFaults() throws Exception {
        assertThat(post11("QueryArchives", null, "").body()).contains("<tns:errorCode>UNAUTHORIZED</tns:errorCode>");
        HttpResponse<String> wrongAction = http.send(HttpRequest.newBuilder(sim.endpoint())
                .header("Content-Type", "text/xml").header("SOAPAction", "\"urn:qiao:archive:ws:1#UploadFile\"")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body>"
                        + "<Authenticate/></s:Body></s:Envelope>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongAction.body()).contains("ACTION_MISMATCH");
        HttpResponse<String> mismatch = http.send(HttpRequest.newBuilder(sim.endpoint())
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body>"
                        + "<Authenticate/></s:Body></s:Envelope>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mismatch.statusCode()).isEqualTo(400); // SOAP 1.2: a Sender fault is HTTP 400
        assertThat(mismatch.body()).contains("<soap:Value>soap:Sender</soap:Value>").contains("VERSION_MISMATCH")
                .contains(S12);
    }

    @Test
    void injectedFaults_areServerFaults_andAConnectionResetDropsTheConnection() throws Exception {
        String token = token();
        sim.faults().failCreateAfterStoring(1).resetConnection(ArchiveFaults.Operation.CREATE, 2);

        String failedAfter = post11("CreateArchive", "<t:Token>" + token + "</t:Token>", "<t:archiveNo>A-1"
                + "</t:archiveNo><t:title>t</t:title><t:author>a</t:author><t:docDate>2024-03-01</t:docDate>"
                + "<t:retentionPeriod>永久</t:retentionPeriod>").body();

        assertThat(failedAfter).contains("<faultcode>soap:Server</faultcode>").contains("INTERNAL_ERROR");
        assertThat(sim.records()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> post11("CreateArchive",
                        "<t:Token>" + token + "</t:Token>", "<t:archiveNo>A-2</t:archiveNo>"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(sim.requestCount(ArchiveFaults.Operation.CREATE)).isEqualTo(2);
    }

    @Test
    void wsdl_isServedAtQueryWsdl() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<wsdl:service name=\"ArchiveService\">")
                .contains("<soap12:binding style=\"document\"");
    }
}
