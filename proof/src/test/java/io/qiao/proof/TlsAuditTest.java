package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.QiaoException;
import io.qiao.client.Request;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.client.TransportException;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.model.MaterialQuery;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS certificate checking is never turned off: no source file of any module contains a trust-all manager, a
 * hostname-verifier override or the JDK's switch that disables hostname verification; the default transport uses
 * the JDK's default SSLContext; and every client, built with its defaults, refuses a server whose certificate is
 * self-signed (the request never reaches it).
 */
class TlsAuditTest {
    /** Constructs that weaken certificate or hostname checking, in whatever module they would appear. */
    private static final Pattern WEAKENING = Pattern.compile(String.join("|",
            "X509TrustManager", "X509ExtendedTrustManager", "TrustManager\\s*\\[", "checkServerTrusted",
            "HostnameVerifier", "setHostnameVerifier", "disableHostnameVerification", "TrustAllStrategy",
            "TrustSelfSignedStrategy", "NoopHostnameVerifier", "InsecureTrustManagerFactory", "trustAll",
            "SSLContext\\.getInstance", "\\.sslContext\\(", "setDefaultSSLSocketFactory", "ALLOW_ALL_HOSTNAME"));

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void startSelfSignedServer() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-keystore", keystore.toString(), "-storetype",
                "PKCS12", "-storepass", "changeit", "-keypass", "changeit", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"code\":200,\"access_token\":\"t\",\"expires_in\":7200}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void noSourceFile_weakensCertificateOrHostnameChecking() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("client-core/src/main/java")).isDirectory();
        List<String> hits = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/"))::iterator) {
                files++;
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (WEAKENING.matcher(lines.get(i)).find()) {
                        hits.add(root.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(files).as("main source files scanned").isGreaterThan(200);
        assertThat(hits).as("lines that touch TLS trust or hostname checking").isEmpty();
    }

    @Test
    void theDefaultTransport_usesTheJdkDefaultSslContext() throws Exception {
        Field field = JdkHttpTransport.class.getDeclaredField("client");
        field.setAccessible(true);
        HttpClient client = (HttpClient) field.get(JdkHttpTransport.create());

        assertThat(client.sslContext()).isSameAs(SSLContext.getDefault());
        assertThat(System.getProperty("jdk.internal.httpclient.disableHostnameVerification")).isNull();
    }

    @Test
    void theDefaultTransport_refusesASelfSignedCertificate() {
        int before = served.get();
        Throwable thrown = catchThrowable(() -> JdkHttpTransport.create()
                .send(Request.get(URI.create(base() + "/ping")).operation("tls.probe").build()));

        assertThat(thrown).isInstanceOf(TransportException.class);
        assertThat(served.get()).isEqualTo(before);
    }

    @Test
    void everyClientWithItsDefaults_refusesASelfSignedCertificate() {
        int before = served.get();
        Map<String, ThrowingCallable> calls = Map.of(
                "jackyun", () -> JackyunClient.builder().endpoint(base() + "/open/openapi/do").appKey("k")
                        .appSecret(Secret.of("s")).retry(RetryOptions.disabled()).build()
                        .call("erp.warehouse.get", Map.of(), true),
                "jushuitan", () -> JushuitanClient.builder().endpoint(base()).appKey("k").appSecret(Secret.of("s"))
                        .accessToken(Secret.of("t")).retry(RetryOptions.disabled()).build()
                        .call("/open/wms/partner/query", Map.of(), true),
                "kis", () -> KisClient.builder().endpoint(base()).gatewayCredentials(KisGatewayCredentials.of("c",
                                Secret.of("s"), "k", Secret.of("s"), "r")).retry(RetryOptions.disabled()).build()
                        .materials().list(MaterialQuery.all()).iterator().hasNext(),
                "archive", () -> ArchiveClient.builder().endpoint(base()).appKey("k").appSecret(Secret.of("s"))
                        .retry(RetryOptions.disabled()).build()
                        .archives().list(ArchiveQuery.on(LocalDate.of(2024, 3, 1))).iterator().hasNext());

        calls.forEach((vendor, call) -> {
            Throwable thrown = catchThrowable(call);
            assertThat(thrown).as(vendor).isInstanceOf(QiaoException.class);
            assertThat(rootCauses(thrown)).as(vendor + " causes").anyMatch(c -> c.getClass().getName()
                    .startsWith("javax.net.ssl."));
        });
        assertThat(served.get()).as("requests that reached the self-signed server").isEqualTo(before);
    }

    private static String base() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private static List<Throwable> rootCauses(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
