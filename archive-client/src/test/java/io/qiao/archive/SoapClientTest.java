package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qiao.archive.internal.XmlElement;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.ApiException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the SOAP path sends and how it reads faults, asserted on the requests the SOAP simulator received. */
class SoapClientTest {
    private static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";
    private static ArchiveSoapSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = new ArchiveSoapSimulator().start();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    private static ArchiveClient client(SoapMapping.Version version) {
        return client(version, SoapMapping.FileTransfer.BASE64);
    }

    private static ArchiveClient client(SoapMapping.Version version, SoapMapping.FileTransfer files) {
        return ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.credentials().appKey(), Secret.of(sim.credentials().appSecret())))
                .soap(SoapMapping.defaults().toBuilder().version(version).fileTransfer(files).build())
                .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).jitter(0)
                        .throttleDelay(Duration.ZERO).build())
                .build();
    }

    private static SimulatedRequest last(String operation) {
        List<SimulatedRequest> all = sim.requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).body().contains("<tns:" + operation + ">")) {
                return all.get(i);
            }
        }
        throw new AssertionError("no " + operation + " request among " + all);
    }

    private static XmlElement envelope(SimulatedRequest r) throws Exception {
        return XmlElement.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void create_overSoap11_sendsTheMetadataInTheBody_theTokenInTheHeader_andTheSoapActionHeader() throws Exception {
        String id = client(SoapMapping.Version.SOAP_11).archives().create(ArchiveClientTest.metadata("S-1"));

        SimulatedRequest r = last("CreateArchive");
        assertThat(r.header("SOAPAction")).isEqualTo("\"urn:qiao:archive:ws:1#CreateArchive\"");
        assertThat(r.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        XmlElement env = envelope(r);
        assertThat(env.namespace()).isEqualTo(SOAP_11);
        assertThat(env.child("Header").orElseThrow().childText("Token")).isEqualTo(sim.issuedTokens().get(0));
        XmlElement create = env.child("Body").orElseThrow().child("CreateArchive").orElseThrow();
        assertThat(create.namespace()).isEqualTo("urn:qiao:archive:ws:1");
        assertThat(create.children()).extracting(XmlElement::name).containsExactly("archiveNo", "title", "author",
                "docDate", "retentionPeriod", "securityLevel", "archiveDept", "archiveTime", "archivePerson");
        assertThat(create.childText("title")).isEqualTo("关于2024年档案工作的会议纪要");
        assertThat(create.childText("archiveTime")).isEqualTo("2024-03-05 10:00:00");
        assertThat(sim.record("S-1").orElseThrow().archiveId()).isEqualTo(Long.parseLong(id));
        assertThat(last("Authenticate").body()).contains("<tns:appKey>" + sim.credentials().appKey() + "</tns:appKey>");
    }

    @Test
    void create_overSoap12_carriesTheActionInTheContentType_andSendsNoSoapActionHeader() throws Exception {
        client(SoapMapping.Version.SOAP_12).archives().create(ArchiveClientTest.metadata("S-2 <&>"));

        SimulatedRequest r = last("CreateArchive");
        assertThat(r.header("SOAPAction")).isNull();
        assertThat(r.header("Content-Type"))
                .isEqualTo("application/soap+xml; charset=utf-8; action=\"urn:qiao:archive:ws:1#CreateArchive\"");
        assertThat(envelope(r).namespace()).isEqualTo(SOAP_12);
        assertThat(r.body()).contains("<tns:archiveNo>S-2 &lt;&amp;&gt;</tns:archiveNo>"); // escaped by the writer
        assertThat(sim.record("S-2 <&>")).isPresent();
    }

    @Test
    void uploadFile_sendsTheBase64Content_thenItsSha256_withAnExactContentLength() throws Exception {
        ArchiveClient client = client(SoapMapping.Version.SOAP_11);
        String id = client.archives().create(ArchiveClientTest.metadata("S-3"));
        Path file = dir.resolve("会议纪要.pdf");
        byte[] bytes = new byte[100_001];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(file, bytes);

        var up = client.archives().uploadFile(id, io.qiao.archive.model.ArchiveFile.scan(file, 300));

        SimulatedRequest r = last("UploadFile");
        assertThat(Long.parseLong(r.header("Content-Length")))
                .isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
        XmlElement upload = envelope(r).child("Body").orElseThrow().child("UploadFile").orElseThrow();
        assertThat(upload.children()).extracting(XmlElement::name).containsExactly("archiveId", "fileName",
                "contentType", "fileSize", "format", "scanResolution", "content", "sha256");
        assertThat(Base64.getDecoder().decode(upload.childText("content"))).isEqualTo(bytes);
        assertThat(upload.childText("sha256")).isEqualTo(ArchiveClientTest.sha256(file)).isEqualTo(up.facts().sha256());
        assertThat(upload.childText("fileName")).isEqualTo("会议纪要.pdf");
        assertThat(upload.childText("contentType")).isEqualTo("application/pdf");
        assertThat(up.fileId()).isEqualTo(Long.toString(sim.files().get(0).fileId()));
        assertThat(sim.files().get(0).scanResolution()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(SoapMapping.Version.class)
    void uploadFile_overMtom_sendsMultipartRelated_theEnvelopeWithAnXopInclude_andTheFileAsABinaryPart(
            SoapMapping.Version version) throws Exception {
        ArchiveClient client = client(version, SoapMapping.FileTransfer.MTOM);
        String id = client.archives().create(ArchiveClientTest.metadata("S-MTOM"));
        Path file = dir.resolve("会议纪要.pdf");
        String content = "第1页 scanned text\r\n--not-a-boundary\r\n".repeat(5_000); // UTF-8, so the journal is exact
        Files.writeString(file, content);

        var up = client.archives().uploadFile(id, io.qiao.archive.model.ArchiveFile.scan(file, 300));

        SimulatedRequest r = last("UploadFile");
        String soapType = version == SoapMapping.Version.SOAP_11 ? "text/xml" : "application/soap+xml";
        String action = "urn:qiao:archive:ws:1#UploadFile";
        Map<String, String> type = contentTypeParams(r.header("Content-Type"));
        assertThat(r.header("Content-Type")).startsWith("multipart/related;");
        assertThat(type).containsEntry("type", "application/xop+xml").containsEntry("start-info", soapType)
                .containsKeys("boundary", "start");
        if (version == SoapMapping.Version.SOAP_11) {
            assertThat(r.header("SOAPAction")).isEqualTo("\"" + action + "\"");
            assertThat(type).doesNotContainKey("action");
        } else {
            assertThat(r.header("SOAPAction")).isNull();
            assertThat(type).containsEntry("action", action);
        }
        assertThat(Long.parseLong(r.header("Content-Length"))).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);

        String boundary = type.get("boundary");
        assertThat(r.body()).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
        String[] parts = r.body().substring(("--" + boundary + "\r\n").length(),
                        r.body().length() - ("\r\n--" + boundary + "--\r\n").length())
                .split("\r\n--" + java.util.regex.Pattern.quote(boundary) + "\r\n", -1);
        assertThat(parts).hasSize(2); // the envelope, the file
        String[] root = parts[0].split("\r\n\r\n", 2);
        assertThat(root[0]).contains("Content-Type: application/xop+xml; charset=UTF-8; type=\"" + soapType)
                .contains("Content-ID: " + type.get("start"));
        XmlElement upload = XmlElement.parse(root[1].getBytes(StandardCharsets.UTF_8)).child("Body").orElseThrow()
                .child("UploadFile").orElseThrow();
        assertThat(upload.children()).extracting(XmlElement::name).containsExactly("archiveId", "fileName",
                "contentType", "fileSize", "format", "scanResolution", "content", "sha256");
        XmlElement include = upload.child("content").orElseThrow().child("Include").orElseThrow();
        assertThat(include.namespace()).isEqualTo("http://www.w3.org/2004/08/xop/include");
        assertThat(upload.child("content").orElseThrow().text()).isBlank();
        java.util.regex.Matcher hrefs = java.util.regex.Pattern.compile("<xop:Include [^>]*href=\"(cid:[^\"]+)\"")
                .matcher(root[1]);
        assertThat(hrefs.find()).isTrue();
        String href = hrefs.group(1);
        String[] binary = parts[1].split("\r\n\r\n", 2);
        assertThat(binary[0]).contains("Content-ID: <" + href.substring(4) + ">", "Content-Type: application/pdf",
                "Content-Transfer-Encoding: binary");
        assertThat(binary[1]).isEqualTo(content);
        assertThat(upload.childText("sha256")).isEqualTo(ArchiveClientTest.sha256(file)).isEqualTo(up.facts().sha256());
        assertThat(upload.childText("fileSize")).isEqualTo(Long.toString(Files.size(file)));
        assertThat(sim.files().get(0).sha256()).isEqualTo(up.facts().sha256());
        assertThat(sim.files().get(0).size()).isEqualTo(Files.size(file));
    }

    /** The parameters of a Content-Type, quotes removed. */
    private static Map<String, String> contentTypeParams(String contentType) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*([\\w-]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)")
                .matcher(contentType);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2).strip());
        }
        return out;
    }

    @Test
    void create_duplicate_isTheClientFaultAsApiException409_notRetryable_withTheVendorCode() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_11);
        client.archives().create(ArchiveClientTest.metadata("S-4"));

        ApiException e = catchThrowableOfType(() -> client.archives().create(ArchiveClientTest.metadata("S-4")),
                ApiException.class);

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("DUPLICATE_ARCHIVE_NO");
        assertThat(e.vendorMessage()).isEqualTo("archiveNo S-4 already exists");
        assertThat(e.requestId()).isPresent();
        assertThat(e.getMessage()).contains("SOAP fault soap:Client with HTTP 500");
    }

    @Test
    void aServerFault_isRetryable_andAQueryIsRepeated_whileAClientFaultIsNot() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_12);
        client.archives().create(ArchiveClientTest.metadata("S-5"));
        sim.faults().status(ArchiveFaults.Operation.QUERY, 1, 503);

        var found = client.archives().findByArchiveNo("S-5", LocalDate.of(2024, 3, 1));

        assertThat(found).isPresent();
        assertThat(sim.requestCount(ArchiveFaults.Operation.QUERY)).isEqualTo(2);
        sim.faults().status(ArchiveFaults.Operation.QUERY, 3, 400);
        ApiException e = catchThrowableOfType(() -> client.archives()
                .list(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1))).stream().toList(),
                ApiException.class);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("SOAP fault soap:Sender with HTTP 400");
        assertThat(sim.requestCount(ArchiveFaults.Operation.QUERY)).isEqualTo(3);
    }

    @Test
    void findByArchiveNo_usesTheLookupOperation_whateverTheDocumentsDate() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_11);
        client.archives().create(ArchiveClientTest.metadata("S-6"));

        var found = client.archives().findByArchiveNo("S-6", LocalDate.of(1999, 1, 1));

        assertThat(found).map(r -> r.archiveNo() + " " + r.title()).contains("S-6 关于2024年档案工作的会议纪要");
        assertThat(last("GetArchiveByNo").body()).contains("<tns:archiveNo>S-6</tns:archiveNo>");
    }

    @Test
    void token_refusedAsExpired_isRenewedOnce_andTheCallRepeatedOnce() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_11);
        client.archives().create(ArchiveClientTest.metadata("S-7"));
        sim.expireTokens();

        client.archives().create(ArchiveClientTest.metadata("S-8"));

        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(sim.requestCount(ArchiveFaults.Operation.CREATE)).isEqualTo(3);
        assertThat(sim.records()).hasSize(2);
    }

    @Test
    void wrongCredentials_isApiException401_namingTheCredentials() {
        ArchiveClient wrong = ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of("nobody", Secret.of("nothing")))
                .soap(SoapMapping.defaults()).retry(RetryOptions.disabled()).build();

        assertThatThrownBy(() -> wrong.archives().create(ArchiveClientTest.metadata("S-9")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("check appKey and appSecret").hasMessageNotContaining("nothing");
    }

    @Test
    void aFaultEchoingTheSecretAndTheToken_showsNeither() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_12);
        sim.faults().echoSecrets(ArchiveFaults.Operation.CREATE, 1);

        ApiException e = catchThrowableOfType(() -> client.archives().create(ArchiveClientTest.metadata("S-10")),
                ApiException.class);

        List<String> secrets = new ArrayList<>(sim.issuedTokens());
        secrets.add(sim.credentials().appSecret());
        assertThat(e.vendorMessage()).contains("签名不对: app secret ******");
        SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
        SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
    }

    @Test
    void callAndPages_onASoapClient_refuseNamingWhy() {
        ArchiveClient client = client(SoapMapping.Version.SOAP_11);

        assertThatThrownBy(() -> client.call("/api/x", Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOAP web service");
        assertThatThrownBy(() -> client.pages("/api/x", Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOAP web service");
    }

    @Test
    void theSimulatorsWsdl_namesTheOperationsActionsAndTokenHeaderOfTheDefaultMapping() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                java.net.URI.create(sim.endpoint() + "?wsdl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        XmlElement wsdl = XmlElement.parse(r.body());
        SoapMapping m = SoapMapping.defaults();

        // XmlElement keeps no attributes: the structure here, the names and actions in the text below.
        assertThat(wsdl.name()).isEqualTo("definitions");
        assertThat(wsdl.child("portType").orElseThrow().children()).hasSize(SoapMapping.Operation.values().length);
        assertThat(wsdl.find("binding")).hasSize(2).allSatisfy(b -> assertThat(b.find("operation"))
                .filteredOn(o -> !o.children().isEmpty()).hasSize(SoapMapping.Operation.values().length));
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("targetNamespace=\"" + m.namespace() + "\"")
                .contains("<xs:element name=\"" + m.tokenElement() + "\" type=\"xs:string\"/>");
        for (SoapMapping.Operation op : SoapMapping.Operation.values()) {
            assertThat(text).contains("<wsdl:operation name=\"" + m.operation(op) + "\">")
                    .contains("soapAction=\"" + m.action(op) + "\"")
                    .contains("<xs:element name=\"" + m.operation(op) + "\">");
        }
    }
}
