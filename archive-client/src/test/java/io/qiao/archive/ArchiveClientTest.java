package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.archive.model.RetentionPeriod;
import io.qiao.archive.model.UploadedFile;
import io.qiao.client.ApiException;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.ManualClock;
import io.qiao.testkit.archive.ArchiveFaults.Operation;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ArchiveClientTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-06-01T00:00:00Z"));

    private ArchiveClient.Builder clientBuilder() {
        ArchiveSimulator sim = archive.simulator();
        return ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).clock(clock)
                .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).jitter(0)
                        .throttleDelay(Duration.ZERO).build());
    }

    private ArchiveClient client() {
        return clientBuilder().build();
    }

    static ArchiveMetadata metadata(String archiveNo) {
        return ArchiveMetadata.builder().archiveNo(archiveNo).title("关于2024年档案工作的会议纪要").author("办公室")
                .docDate("2024-03-01").retentionPeriod("永久").securityLevel("内部").archiveDept("BGS")
                .archiveTime("2024-03-05 10:00:00").archivePerson("张三").build();
    }

    private static ArchiveQuery march() {
        return ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    }

    // --- tokens

    @Test
    void token_isFetchedByOneThread_andSharedByAllConcurrentCalls() throws Exception {
        ArchiveClient client = client();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ArchiveRecord>>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return client.archives().list(march()).stream().toList();
            }));
        }
        start.countDown();
        for (Future<List<ArchiveRecord>> f : results) {
            assertThat(f.get()).isEmpty();
        }
        pool.shutdown();
        assertThat(archive.simulator().tokensIssued()).isEqualTo(1);
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(threads);
    }

    @Test
    void token_refusedWith401_isRefreshedOnceAndTheCallRepeatedOnce() {
        ArchiveClient client = client();
        client.archives().list(march()).stream().toList();
        archive.simulator().expireTokens(); // the server forgets it; the client still thinks it is fresh

        assertThat(client.archives().list(march()).stream().toList()).isEmpty();
        assertThat(archive.simulator().tokensIssued()).isEqualTo(2);
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(3); // ok, 401, repeated
    }

    @Test
    void token_refusedWith401_theRepeatWaitsForARateLimitPermitOfItsOwn() {
        Duration interval = Duration.ofMillis(400);
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        List<String> sentPaths = new CopyOnWriteArrayList<>();
        JdkHttpTransport jdk = JdkHttpTransport.create();
        ArchiveClient client = clientBuilder().rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                .transport(request -> {
                    sentAt.add(System.nanoTime());
                    sentPaths.add(request.uri().getPath());
                    return jdk.send(request);
                }).build();
        client.archives().query(march()).stream().toList();
        archive.simulator().expireTokens();

        client.archives().query(march()).stream().toList();

        assertThat(sentPaths).containsExactly("/api/auth/token", "/api/archive/query", "/api/archive/query",
                "/api/auth/token", "/api/archive/query");
        // Every request sent, the repeat after the refresh included, is a permit apart from the one before (half the
        // interval allows for scheduling); before, the repeat followed the token request at once.
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(Duration.ofNanos(sentAt.get(i) - sentAt.get(i - 1))).as("gap before request %d", i)
                    .isGreaterThan(interval.dividedBy(2));
        }
    }

    @Test
    void token_refusedWith401_noRepeatIsSentWithoutAPermit() {
        RateLimits onePerHour = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .add("auth", RateLimit.perSecond(1000)).maxWait(Duration.ZERO).build();
        ArchiveClient client = clientBuilder().rateLimits(onePerHour).retry(RetryOptions.disabled()).build();
        archive.simulator().faults().status(Operation.QUERY, 1, 401);

        assertThatThrownBy(() -> client.archives().query(march()).stream().toList())
                .hasMessageContaining("no rate-limit permit");
        assertThat(archive.simulator().tokensIssued()).isEqualTo(2); // refreshed, but the repeat had no permit
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(1);
    }

    @Test
    void token_refusedTwice_isAnApiException401_afterExactlyOneRefresh() {
        ArchiveClient client = client();
        archive.simulator().faults().status(Operation.QUERY, 1, 401).status(Operation.QUERY, 2, 401);

        assertThatThrownBy(() -> client.archives().list(march()).stream().toList())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("refused even after a refresh");
                });
        assertThat(archive.simulator().tokensIssued()).isEqualTo(2);
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(2);
    }

    @Test
    void token_isReplacedOnlyWhenExpiresInMinusTheMarginHasPassed() {
        ArchiveClient client = clientBuilder().tokenRefreshMargin(Duration.ofMinutes(5)).build();
        client.archives().list(march()).stream().toList();
        clock.advance(Duration.ofMinutes(114)); // 2 h tokens: 6 minutes left
        client.archives().list(march()).stream().toList();
        assertThat(archive.simulator().tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: inside the margin
        client.archives().list(march()).stream().toList();
        assertThat(archive.simulator().tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_maxAge_fromTokenRefreshInterval_capsTheTokensLifetime() {
        ArchiveClient client = clientBuilder().tokenMaxAge(Duration.ofSeconds(3600)).build();
        client.archives().list(march()).stream().toList();
        clock.advance(Duration.ofSeconds(3601));
        client.archives().list(march()).stream().toList();
        assertThat(archive.simulator().tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_withWrongSecret_failsNamingTheCredentials_withoutShowingThem() {
        ArchiveClient client = clientBuilder().appSecret(Secret.of("not-the-secret")).build();
        assertThatThrownBy(() -> client.archives().list(march()).stream().toList())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.vendorCode()).isEqualTo("INVALID_CLIENT");
                    assertThat(e.getMessage()).contains("check appKey and appSecret").doesNotContain("not-the-secret");
                });
        assertThat(client.toString()).doesNotContain("not-the-secret");
    }

    @Test
    void build_withoutSettings_namesEveryMissingOne() {
        assertThatThrownBy(() -> ArchiveClient.builder().build())
                .hasMessageContaining("endpoint").hasMessageContaining("appKey").hasMessageContaining("appSecret");
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint("ftp://x")).hasMessageContaining("http(s)");
    }

    @Test
    void token_whoseLifetimeIsShorterThanTwiceTheMargin_isKeptForHalfItsLifetime() {
        try (ArchiveSimulator shortLived = ArchiveSimulator.builder().tokenLifetime(Duration.ofSeconds(60)).build()
                .start()) {
            ArchiveClient client = ArchiveClient.builder().endpoint(shortLived.endpoint()).appKey(shortLived.appKey())
                    .appSecret(Secret.of(shortLived.appSecret())).clock(clock).build(); // margin 5 min > 60 s
            client.archives().list(march()).stream().toList();
            clock.advance(Duration.ofSeconds(29));
            client.archives().list(march()).stream().toList();
            assertThat(shortLived.tokensIssued()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(2));
            client.archives().list(march()).stream().toList();
            assertThat(shortLived.tokensIssued()).isEqualTo(2);
        }
    }

    // --- query

    @Test
    void query_isLazy_andFetchesOnePagePerRequest() {
        for (int i = 1; i <= 5; i++) {
            archive.simulator().seedRecord(Map.of("archiveNo", "N-" + i, "docDate", "2024-03-0" + i, "title", "t"));
        }
        archive.simulator().seedRecord(Map.of("archiveNo", "APRIL", "docDate", "2024-04-01", "title", "t"));
        ArchiveClient client = client();

        PagedIterable<ArchiveRecord> records = client.archives().list(march().toBuilder().pageSize(2).build());
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isZero();
        List<Page<ArchiveRecord>> pages = new ArrayList<>();
        records.byPage().forEach(pages::add);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 2, 1);
        assertThat(records.stream().map(ArchiveRecord::archiveNo)).containsExactly("N-1", "N-2", "N-3", "N-4", "N-5");
        assertThat(pages.get(0).items().get(0).archiveId()).isEqualTo("1001"); // numeric ids read as text
    }

    @Test
    void findByArchiveNo_onASystemThatIgnoresTheArchiveNoParameter_scansThePagesOfThatDay() {
        try (ArchiveSimulator plain = ArchiveSimulator.builder().filterByArchiveNo(false).build().start()) {
            for (int i = 1; i <= 250; i++) {
                plain.seedRecord(Map.of("archiveNo", "S-" + i, "docDate", "2024-03-01", "title", "t"));
            }
            ArchiveClient client = ArchiveClient.builder().endpoint(plain.endpoint()).appKey(plain.appKey())
                    .appSecret(Secret.of(plain.appSecret())).build();

            assertThat(client.archives().findByArchiveNo("S-240", LocalDate.of(2024, 3, 1)))
                    .get().extracting(ArchiveRecord::archiveId).isEqualTo("1240");
            assertThat(plain.requestCount(Operation.QUERY)).isEqualTo(3); // pages of 100
            assertThat(client.archives().findByArchiveNo("S-240", LocalDate.of(2024, 3, 2))).isEmpty();
        }
    }

    @Test
    void query_onASystemThatCapsThePageSize_followsItsPagesToTheEnd() {
        try (ArchiveSimulator capped = ArchiveSimulator.builder().maxPageSize(20).build().start()) {
            for (int i = 1; i <= 45; i++) {
                capped.seedRecord(Map.of("archiveNo", "C-" + i, "docDate", "2024-03-01", "title", "t"));
            }
            ArchiveClient client = ArchiveClient.builder().endpoint(capped.endpoint()).appKey(capped.appKey())
                    .appSecret(Secret.of(capped.appSecret())).build();

            List<ArchiveRecord> all = client.archives().list(march()).stream().toList(); // asks for 100 a page

            assertThat(all).hasSize(45).extracting(ArchiveRecord::archiveNo).doesNotHaveDuplicates();
            assertThat(capped.requestCount(Operation.QUERY)).isEqualTo(3);
        }
    }

    // --- create

    @Test
    void create_sendsTheMetadataNormalised() {
        ArchiveClient client = client();
        ArchiveMetadata m = metadata("Z109-WS·2024-D30-BGS-0001").toBuilder().docDate("20240301")
                .retentionPeriod("定期30年").securityLevel("秘密★5年").archiveTime("2024-03-05T10:00:00")
                .title("  会议纪要  ").build();

        String id = client.archives().create(m);

        SimulatedRecord r = archive.simulator().record(Long.parseLong(id)).orElseThrow();
        assertThat(r.metadata()).containsEntry("docDate", "2024-03-01").containsEntry("retentionPeriod", "30年")
                .containsEntry("securityLevel", "秘密").containsEntry("secrecyPeriod", "5年")
                .containsEntry("archiveTime", "2024-03-05 10:00:00").containsEntry("title", "会议纪要");
    }

    @Test
    void create_inTheDaT22Style_sendsTheStandardWording() {
        ArchiveClient client = clientBuilder().retentionStyle(RetentionPeriod.Style.DA_T_22).build();
        String id = client.archives().create(metadata("A-1").toBuilder().retentionPeriod("30年").build());
        assertThat(archive.simulator().record(Long.parseLong(id)).orElseThrow().field("retentionPeriod"))
                .isEqualTo("定期30年");
    }

    @Test
    void create_withInvalidMetadata_sendsNothing_andNamesEveryViolation() {
        ArchiveClient client = client();
        ArchiveMetadata bad = ArchiveMetadata.builder().archiveNo("A-1").docDate("2024-02-30")
                .retentionPeriod("50年").build();

        assertThatThrownBy(() -> client.archives().create(bad))
                .isInstanceOfSatisfying(InvalidArchiveException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("title", "author", "docDate", "retentionPeriod"))
                .hasMessageContaining("docDate: '2024-02-30' is not a real date")
                .hasMessageContaining("retentionPeriod: '50年' is not a retention period");
        assertThat(archive.simulator().requestCount(Operation.CREATE)).isZero();
        assertThat(archive.simulator().tokensIssued()).isZero();
    }

    @Test
    void create_duplicate_isApiException409_withTheVendorsCode() {
        ArchiveClient client = client();
        client.archives().create(metadata("DUP-1"));
        assertThatThrownBy(() -> client.archives().create(metadata("DUP-1")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.vendorCode()).isEqualTo("DUPLICATE_ARCHIVE_NO");
                    assertThat(e.requestId()).isPresent();
                });
    }

    // --- upload

    @Test
    void uploadFile_keepsTheUtf8Name_andSendsTheFileFacts() throws Exception {
        ArchiveClient client = client();
        String id = client.archives().create(metadata("U-1"));
        Path pdf = write("会议纪要.pdf", "%PDF-1.7 会议纪要内容");

        UploadedFile up = client.archives().uploadFile(id, ArchiveFile.scan(pdf, 300));

        SimulatedFile stored = archive.simulator().files().get(0);
        assertThat(stored.fileName()).isEqualTo("会议纪要.pdf");
        assertThat(stored.contentType()).isEqualTo("application/pdf");
        assertThat(stored.size()).isEqualTo(Files.size(pdf));
        assertThat(stored.sha256()).isEqualTo(sha256(pdf));
        assertThat(stored.format()).isEqualTo("PDF");
        assertThat(stored.scanResolution()).isEqualTo(300);
        assertThat(up.facts().sha256()).isEqualTo(sha256(pdf));
        assertThat(up.facts().size()).isEqualTo(Files.size(pdf));
        assertThat(up.fileId()).isEqualTo(Long.toString(stored.fileId()));
    }

    @Test
    void uploadFile_withAQuoteInTheName_survivesTheMultipartEscaping() throws Exception {
        ArchiveClient client = client();
        String id = client.archives().create(metadata("U-2"));
        Path f = write("a\"b 说明.txt", "x");
        client.archives().uploadFile(id, f);
        assertThat(archive.simulator().files().get(0).fileName()).isEqualTo("a\"b 说明.txt");
    }

    @Test
    void uploadFile_refusesDirectoriesAndMissingFiles_beforeSending() {
        ArchiveClient client = client();
        assertThatThrownBy(() -> client.archives().uploadFile("1001", dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> client.archives().uploadFile("1001", dir.resolve("nope.pdf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThat(archive.simulator().requestCount(Operation.UPLOAD)).isZero();
    }

    @Test
    void uploadFile_usesTheLongerUploadTimeout_andAStreamedMultipartBody() throws Exception {
        List<io.qiao.client.Request> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.qiao.client.HttpTransport real = io.qiao.client.JdkHttpTransport.create();
        ArchiveClient client = clientBuilder().uploadTimeout(Duration.ofMinutes(45))
                .transport(r -> {
                    sent.add(r);
                    return real.send(r);
                }).build();
        String id = client.archives().create(metadata("T-1"));
        Path pdf = write("正文.pdf", "%PDF");

        client.archives().uploadFile(id, pdf);

        io.qiao.client.Request upload = sent.get(sent.size() - 1);
        assertThat(upload.operation()).isEqualTo("archive.files.upload");
        assertThat(upload.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(upload.body().contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(upload.body().text()).isEmpty(); // streamed, never held as text
        assertThat(upload.body().contentLength()).isGreaterThan(Files.size(pdf));
        assertThat(sent.get(sent.size() - 2).timeout()).isNull(); // create: the transport's request timeout
    }

    // --- push

    @Test
    void push_onAnArchiveSystemThatStoresDuplicates_stillCreatesTheRecordOnce() throws Exception {
        try (ArchiveSimulator lax = ArchiveSimulator.builder().uniqueArchiveNo(false).build().start()) {
            ArchiveClient client = ArchiveClient.builder().endpoint(lax.endpoint()).appKey(lax.appKey())
                    .appSecret(Secret.of(lax.appSecret())).build();
            List<ArchiveFile> files = List.of(ArchiveFile.of(write("1.pdf", "one")));
            lax.faults().failCreateAfterStoring(1);

            assertThatThrownBy(() -> client.archives().push(metadata("P-5"), files)).isInstanceOf(ApiException.class);
            client.archives().push(metadata("P-5"), files);
            client.archives().push(metadata("P-5"), files);

            assertThat(lax.records()).hasSize(1);
            assertThat(lax.files()).hasSize(1);
        }
    }

    @Test
    void push_findsAnEarlierRecord_whoseDocDateTheSystemChanged_byItsArchiveTimeDay() throws Exception {
        // An archive system that stores (and queries by) another date than the one sent.
        archive.simulator().seedRecord(Map.of("archiveNo", "P-8", "docDate", "2024-03-05", "title", "t"));
        ArchiveClient client = client();

        var result = client.archives().push(metadata("P-8"), List.of(ArchiveFile.of(write("1.pdf", "one"))));

        assertThat(result.record()).isEqualTo(io.qiao.archive.model.PushResult.RecordOutcome.FOUND);
        assertThat(archive.simulator().records()).hasSize(1);
        assertThat(archive.simulator().requestCount(Operation.CREATE)).isZero();
    }

    @Test
    void push_ofAnArchiveNoHeldUnderOtherDates_failsNotRetryably_namingIt_andStoresNothingMore() throws Exception {
        ArchiveClient client = client();
        client.archives().push(metadata("D-1"), List.of(ArchiveFile.of(write("1.pdf", "one"))));
        ArchiveMetadata redated = metadata("D-1").toBuilder().docDate("2024-04-02").archiveTime("2024-04-05 10:00:00")
                .build();

        // looked up by its new dates: not there; create: 409; no retry can help, so the sink dead-letters it
        assertThatThrownBy(() -> client.archives().push(redated, List.of(ArchiveFile.of(write("2.pdf", "two")))))
                .isInstanceOf(io.qiao.client.QiaoException.class)
                .matches(e -> !((io.qiao.client.QiaoException) e).isRetryable(), "not retryable")
                .hasMessageContaining("already holds archiveNo D-1 (HTTP 409)")
                .hasMessageContaining("2024-04-02");
        assertThat(archive.simulator().records()).hasSize(1);
        assertThat(archive.simulator().records().get(0).files()).hasSize(1);
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void rateLimits_areTheLimitersTheClientPacesWith_noneByDefaultOrTheOnesGiven_soAnotherClientCanShareThem() {
        RateLimits shared = RateLimits.builder().add("upload", RateLimit.perSecond(1)).build();
        try (ArchiveClient byDefault = clientBuilder().build();
             ArchiveClient given = clientBuilder().rateLimits(shared).build()) {
            assertThat(byDefault.rateLimits().limitsFor("upload")).isEmpty();
            assertThat(given.rateLimits()).isSameAs(shared);
        }
    }
}
