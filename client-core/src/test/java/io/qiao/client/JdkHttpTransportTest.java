package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkHttpTransportTest {
    private WireMockServer server;
    private JdkHttpTransport transport;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        transport = JdkHttpTransport.builder().requestTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Test
    void send_returnsErrorStatusesAsResponses() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(503).withBody("busy")));

        Response r = transport.send(Request.get(uri("/x")).build());

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyString()).isEqualTo("busy");
    }

    @Test
    void send_whenServerIsSlowerThanTimeout_throwsTransportExceptionMarkedSent() {
        server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(5_000)));
        JdkHttpTransport transport = JdkHttpTransport.builder().requestTimeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> transport.send(Request.get(uri("/slow")).operation("slow.op").build()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("slow.op")
                .satisfies(e -> {
                    assertThat(((TransportException) e).isSent()).isTrue();
                    assertThat(((TransportException) e).isRetryable()).isTrue();
                });
    }

    @Test
    void send_whenConnectionIsReset_throwsTransportException() {
        server.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> transport.send(Request.get(uri("/reset")).build()))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void send_whenNothingListens_throwsTransportExceptionMarkedNotSent() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Request request = Request.get(URI.create("http://127.0.0.1:" + port + "/")).build();

        assertThatThrownBy(() -> transport.send(request))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isSent()).isFalse());
    }

    @Test
    void send_formBody_isUrlEncodedUtf8WithContentType() {
        server.stubFor(post("/form").willReturn(aResponse().withStatus(200)));

        transport.send(Request.post(uri("/form"), RequestBody.form(Map.of("名称", "仓库 A&B"))).build());

        server.verify(postRequestedFor(urlEqualTo("/form"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase("application/x-www-form-urlencoded; charset=utf-8"))
                .withRequestBody(equalTo("%E5%90%8D%E7%A7%B0=%E4%BB%93%E5%BA%93+A%26B")));
    }

    @Test
    void send_fileBody_streamsWithContentLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scan.pdf");
        byte[] content = new byte[300_000];
        new java.util.Random(1).nextBytes(content);
        Files.write(file, content);
        server.stubFor(post("/upload").willReturn(aResponse().withStatus(200)));

        transport.send(Request.post(uri("/upload"), RequestBody.file(file, "application/pdf")).build());

        server.verify(postRequestedFor(urlEqualTo("/upload"))
                .withHeader("Content-Length", equalTo("300000"))
                .withHeader("Content-Type", equalTo("application/pdf")));
        assertThat(server.getAllServeEvents().get(0).getRequest().getBody()).isEqualTo(content);
    }

    @Test
    void send_passesHeaders() {
        server.stubFor(get("/h").willReturn(aResponse().withStatus(204)));

        transport.send(Request.get(uri("/h")).header("X-Api-Key", "k").build());

        server.verify(getRequestedFor(urlEqualTo("/h")).withHeader("X-Api-Key", equalTo("k")));
    }
}
