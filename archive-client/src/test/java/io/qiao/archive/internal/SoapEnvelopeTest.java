package io.qiao.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.archive.SoapMapping;
import io.qiao.client.Request;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelopes a vendor's own mapping produces: its names, its namespace, its token place. */
class SoapEnvelopeTest {
    private static final URI ENDPOINT = URI.create("http://dangan.example.com/ws/Archive");

    @TempDir
    Path dir;

    private final SoapMapping vendor = SoapMapping.builder()
            .version(SoapMapping.Version.SOAP_12)
            .namespace("http://dangan.example.com/ws")
            .operation(SoapMapping.Operation.CREATE, "SaveDocument", "")
            .element("archiveNo", "DangHao")
            .element("content", "FileData")
            .token(SoapMapping.TokenPlace.PARAMETER, "accessToken")
            .build();

    @Test
    void request_withAVendorsMapping_usesItsNames_putsTheTokenFirstAmongTheParameters_andNoEmptyAction()
            throws Exception {
        Request r = new SoapEnvelope(vendor).request(ENDPOINT, SoapMapping.Operation.CREATE, "tok-1",
                List.of(Map.entry("archiveNo", "WS-1"), Map.entry("title", "题名"))).operation("x").build();

        XmlElement env = XmlElement.parse(r.body().open().readAllBytes());
        assertThat(env.child("Header")).isEmpty();
        XmlElement op = env.child("Body").orElseThrow().child("SaveDocument").orElseThrow();
        assertThat(op.namespace()).isEqualTo("http://dangan.example.com/ws");
        assertThat(op.children()).extracting(XmlElement::name).containsExactly("accessToken", "DangHao", "title");
        assertThat(op.childText("accessToken")).isEqualTo("tok-1");
        assertThat(r.body().contentType()).isEqualTo("application/soap+xml; charset=utf-8");
        assertThat(r.header("SOAPAction")).isEmpty();
    }

    @Test
    void upload_streamsTheFileAsBase64_andPatchesItsSha256InAfterIt_onEveryAttempt() throws Exception {
        Path file = dir.resolve("a.bin");
        byte[] bytes = new byte[3 * 16 * 1024 * 2 + 5]; // more than one encoder block, and a padded end
        new Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        AtomicReference<String> sha = new AtomicReference<>();

        Request r = new SoapEnvelope(vendor).upload(ENDPOINT, "tok", List.of(Map.entry("fileName", "a.bin")), file,
                "a.bin", bytes.length, sha).build();

        for (int attempt = 0; attempt < 2; attempt++) {
            byte[] sent;
            try (InputStream in = r.body().open()) {
                sent = in.readAllBytes();
            }
            assertThat((long) sent.length).isEqualTo(r.body().contentLength());
            XmlElement op = XmlElement.parse(sent).child("Body").orElseThrow().child("UploadFile").orElseThrow();
            assertThat(op.children()).extracting(XmlElement::name)
                    .containsExactly("accessToken", "fileName", "FileData", "sha256");
            assertThat(Base64.getDecoder().decode(op.childText("FileData"))).isEqualTo(bytes);
            assertThat(op.childText("sha256")).isEqualTo(sha.get()).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
    }

    @Test
    void base64Stream_matchesTheJdkEncoder_forEveryRemainder() throws Exception {
        for (int n : new int[] {0, 1, 2, 3, 4, 49151, 49152, 49153, 100_000}) {
            byte[] bytes = new byte[n];
            new Random(n).nextBytes(bytes);
            byte[] encoded = new Base64Stream(new ByteArrayInputStream(bytes)).readAllBytes();
            assertThat(encoded).as("%d bytes", n).isEqualTo(Base64.getEncoder().encode(bytes));
            assertThat((long) encoded.length).isEqualTo(Base64Stream.encodedLength(n));
        }
    }
}
