package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.Page;
import io.qiao.client.QiaoException;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.InventoryQuery;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutItem;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.OtherInOutRequest;
import io.qiao.jushuitan.model.PurchaseInQuery;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JushuitanClientTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(400).limitsEnforced(false));

    private static final RetryOptions FAST_RETRY = RetryOptions.builder().baseDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(5)).throttleDelay(Duration.ofMillis(1)).build();

    private static JushuitanClient.Builder clientFor(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).retry(FAST_RETRY);
    }

    private static List<Long> ids(Iterable<OtherInOut> docs) {
        List<Long> ids = new ArrayList<>();
        docs.forEach(d -> ids.add(d.ioId()));
        return ids;
    }

    private static OtherInOutQuery whole(JushuitanSimulator sim) {
        return OtherInOutQuery.builder().modifiedBetween(sim.dataSet().start(), sim.dataSet().end()).build();
    }

    @Test
    void list_whenWindowExceedsSevenDays_slicesIntoWindowsAndReturnsEveryDocumentOnce(JushuitanSimulator sim) {
        List<Long> ids = ids(clientFor(sim).build().otherInOuts().list(whole(sim)));

        assertThat(ids).hasSize(400).doesNotHaveDuplicates()
                .containsExactlyElementsOf(sim.dataSet().otherInOut().stream().map(SimDocument::id).toList());
        for (String biz : sim.recentBiz("/open/other/inout/query")) {
            assertThat(biz).contains("\"page_size\":50");
        }
        assertThat(sim.answerCount(1)).as("parameter errors, e.g. windows over 7 days").isZero();
    }

    @Test
    void list_documentsExactlyOnWindowBoundaries_appearOnceAndInTheLaterWindow(JushuitanSimulator sim) {
        LocalDateTime start = sim.dataSet().start();
        LocalDateTime boundary = start.plusDays(7);
        List<OtherInOut> first = clientFor(sim).build().otherInOuts()
                .list(OtherInOutQuery.builder().modifiedBetween(start, boundary).build()).stream().toList();
        List<OtherInOut> second = clientFor(sim).build().otherInOuts()
                .list(OtherInOutQuery.builder().modifiedBetween(boundary, boundary.plusDays(1)).build()).stream().toList();

        assertThat(first).extracting(OtherInOut::modified).allMatch(m -> m.isBefore(boundary));
        assertThat(first).extracting(OtherInOut::modified).contains(start, boundary.minusSeconds(1));
        assertThat(second).extracting(OtherInOut::modified).contains(boundary);
    }

    @Test
    void list_runOfEqualTimestampsAcrossAPageBoundary_returnsAllOfThem(JushuitanSimulator sim) {
        LocalDateTime tie = sim.dataSet().start().plusDays(1).plusHours(12);
        List<OtherInOut> docs = clientFor(sim).build().otherInOuts()
                .list(OtherInOutQuery.builder().modifiedBetween(tie, tie.plusSeconds(1)).build()).stream().toList();

        assertThat(docs).hasSizeGreaterThanOrEqualTo(60).extracting(OtherInOut::modified).containsOnly(tie);
        assertThat(ids(docs)).doesNotHaveDuplicates();
    }

    @Test
    void list_decodesTheFullDocumentWithItems(JushuitanSimulator sim) {
        SimDocument expected = sim.dataSet().otherInOut().get(5);
        OtherInOut doc = clientFor(sim).build().otherInOuts()
                .list(OtherInOutQuery.builder().ioIds(List.of(expected.id())).build()).iterator().next();

        assertThat(doc.ioId()).isEqualTo(expected.id());
        assertThat(doc.modified()).isEqualTo(expected.modified());
        assertThat(doc.modifiedInstant()).isEqualTo(expected.modified().atZone(Json.SHANGHAI).toInstant());
        assertThat(doc.type()).isEqualTo(expected.type());
        assertThat(doc.fStatus()).isEqualTo("WaitConfirm");
        assertThat(doc.items()).isNotEmpty();
        OtherInOutItem item = doc.items().get(0);
        assertThat(item.ioId()).isEqualTo(expected.id());
        assertThat(item.skuId()).startsWith("SKU-");
        assertThat(item.costAmount()).isEqualByComparingTo(item.costPrice().multiply(BigDecimal.valueOf(item.qty())));
    }

    @Test
    void list_sendsTheFiltersInSnakeCase(JushuitanSimulator sim) {
        clientFor(sim).build().otherInOuts().list(OtherInOutQuery.builder()
                .modifiedBetween(sim.dataSet().start(), sim.dataSet().start().plusDays(2))
                .types(OtherInOutQuery.TYPE_OTHER_IN).status(OtherInOutQuery.STATUS_CONFIRMED).wmsCoId(10001)
                .build()).forEach(d -> {
                    assertThat(d.type()).isEqualTo("其它进仓");
                    assertThat(d.status()).isEqualTo("Confirmed");
                    assertThat(d.wmsCoId()).isEqualTo(10001L);
                });

        assertThat(sim.recentBiz("/open/other/inout/query")).first().asString()
                .contains("\"types\":[\"其它进仓\"]", "\"status\":\"Confirmed\"", "\"wms_co_id\":10001",
                        "\"modified_begin\":\"2024-05-01 00:00:00\"", "\"page_index\":1");
    }

    @Test
    void list_isLazy_andResumesFromAPageToken(JushuitanSimulator sim) {
        var list = clientFor(sim).build().otherInOuts().list(whole(sim));
        assertThat(sim.requestCount("/open/other/inout/query")).isZero();

        Iterator<Page<OtherInOut>> pages = list.byPage().iterator();
        Page<OtherInOut> first = pages.next();
        Page<OtherInOut> second = pages.next();
        Page<OtherInOut> resumed = list.byPage(first.nextToken()).iterator().next();

        assertThat(ids(resumed.items())).isEqualTo(ids(second.items()));
    }

    @Test
    void tokens_sixteenThreadsAtOnce_causeExactlyOneTokenRequest(JushuitanSimulator sim) throws Exception {
        sim.latency(Duration.ofMillis(50));
        JushuitanClient client = clientFor(sim).build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return client.warehouses().list().stream().count();
                }));
            }
            go.countDown();
            for (Future<Long> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(3L);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sim.tokenRequestCount()).isEqualTo(1);
        assertThat(sim.requestCount("/openWeb/auth/getInitToken")).isEqualTo(1);
    }

    @Test
    void tokens_onCode100_refreshOnceAndRetry(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        client.warehouses().list().stream().count();
        sim.expireTokens();

        assertThat(client.warehouses().list().stream().count()).isEqualTo(3);
        assertThat(sim.answerCount(100)).isEqualTo(1);
        assertThat(sim.requestCount("/openWeb/auth/refreshToken")).isEqualTo(1);
        assertThat(sim.tokenRequestCount()).isEqualTo(2);
    }

    @Test
    void tokens_onCode100_theRepeatWaitsForARateLimitPermitOfItsOwn(JushuitanSimulator sim) {
        Duration interval = Duration.ofMillis(400);
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        List<String> sentPaths = new CopyOnWriteArrayList<>();
        JdkHttpTransport jdk = JdkHttpTransport.create();
        JushuitanClient client = clientFor(sim).rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                .transport(request -> {
                    sentAt.add(System.nanoTime());
                    sentPaths.add(request.uri().getPath());
                    return jdk.send(request);
                }).build();
        client.call("/open/wms/partner/query", Map.of("page_index", 1, "page_size", 50), true);
        sim.expireTokens();

        client.call("/open/wms/partner/query", Map.of("page_index", 1, "page_size", 50), true);

        assertThat(sentPaths).containsExactly("/openWeb/auth/getInitToken", "/open/wms/partner/query",
                "/open/wms/partner/query", "/openWeb/auth/refreshToken", "/open/wms/partner/query");
        assertThat(sim.answerCount(100)).isEqualTo(1);
        // Every request sent, the repeat after the renewal included, is a permit apart from the one before (half the
        // interval allows for scheduling).
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(Duration.ofNanos(sentAt.get(i) - sentAt.get(i - 1))).as("gap before request %d", i)
                    .isGreaterThan(interval.dividedBy(2));
        }
    }

    @Test
    void tokens_renewBeforeExpiresInRunsOut_readFromTheAnswer() {
        MutableClock clock = new MutableClock(Instant.now());
        try (JushuitanSimulator timed = JushuitanSimulator.builder().documents(10).limitsEnforced(false)
                .tokenLifetime(Duration.ofDays(30)).clock(clock).build().start()) {
            JushuitanClient client = clientFor(timed).clock(clock).build();
            client.warehouses().list().stream().count();
            // 30-day tokens are renewed a day before they end.
            clock.advance(Duration.ofDays(28));
            client.warehouses().list().stream().count();
            assertThat(timed.tokenRequestCount()).isEqualTo(1);

            clock.advance(Duration.ofDays(1).plusSeconds(1));
            client.warehouses().list().stream().count();

            assertThat(timed.requestCount("/openWeb/auth/refreshToken")).isEqualTo(1);
            assertThat(timed.answerCount(100)).isZero();
        }
    }

    @Test
    void tokens_reuseATokenFromTheStore_withoutAskingTheVendor(JushuitanSimulator sim) {
        TokenStore store = TokenStore.inMemory();
        clientFor(sim).tokenStore(store).build().warehouses().list().stream().count();
        clientFor(sim).tokenStore(store).build().warehouses().list().stream().count();

        assertThat(sim.tokenRequestCount()).isEqualTo(1);
    }

    @Test
    void tokens_isvAppWhoseRefreshIsForbidden_failsSayingReauthorise() {
        try (JushuitanSimulator isv = JushuitanSimulator.builder().documents(10).limitsEnforced(false).isvApp(true)
                .build().start()) {
            TokenStore store = TokenStore.inMemory();
            Instant now = Instant.now();
            // A token saved by the host application's authorisation callback, about to expire.
            store.save(isv.appKey(), new AccessToken(Secret.of("old"), Secret.of("old-refresh"),
                    now.minus(Duration.ofDays(30)), now.plusSeconds(30), "all"));
            JushuitanClient client = clientFor(isv).tokenStore(store).selfDevelopedApp(false).build();

            assertThatThrownBy(() -> client.warehouses().list().stream().count())
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.vendorCode()).isEqualTo("150");
                        assertThat(e.isRetryable()).isFalse();
                    })
                    .hasMessageContaining("re-authorise");
        }
    }

    @Test
    void tokens_isvApp_authorisesWithTheMerchantsCodeThenCalls() {
        try (JushuitanSimulator isv = JushuitanSimulator.builder().documents(10).limitsEnforced(false).isvApp(true)
                .build().start()) {
            TokenStore store = TokenStore.inMemory();
            JushuitanClient client = clientFor(isv).tokenStore(store).selfDevelopedApp(false).build();

            assertThatThrownBy(() -> client.warehouses().list().stream().count())
                    .isInstanceOf(QiaoException.class).hasMessageContaining("merchant authorise");
            client.authorize(isv.authorizationCode());

            assertThat(client.warehouses().list().stream().count()).isEqualTo(3);
            assertThat(store.load(isv.appKey())).isPresent();
            assertThat(isv.requestCount("/openWeb/auth/accessToken")).isEqualTo(1);
            assertThat(isv.requestCount("/openWeb/auth/getInitToken")).isZero();
        }
    }

    @Test
    void tokens_fixedTokenRejected_failsWithAClearMessage(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).accessToken(Secret.of("not-a-token")).build();

        assertThatThrownBy(() -> client.warehouses().list().stream().count())
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("code 100").hasMessageContaining("fixed access token")
                .hasMessageNotContaining("not-a-token");
        assertThat(sim.tokenRequestCount()).isZero();
    }

    @Test
    void errors_wrongSecret_isCode10NotRetried(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).appSecret(Secret.of("wrong")).build();

        assertThatThrownBy(() -> client.warehouses().list().stream().count())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("10");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("app secret");
        assertThat(sim.requestCount()).isEqualTo(1);
    }

    @Test
    void errors_clockSkew_isCode140SayingCheckTheClock(JushuitanSimulator sim) {
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        JushuitanClient client = clientFor(sim).clock(skewed).build();

        assertThatThrownBy(() -> client.warehouses().list().stream().count())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.vendorCode()).isEqualTo("140"))
                .hasMessageContaining("clock");
    }

    @Test
    void errors_throttlingCodes_areRetriedNotReturnedAsSuccess(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        client.warehouses().list().stream().count();
        sim.faults().next("/open/wms/partner/query", JushuitanFault.throttledPerMinute(), 1);
        sim.faults().next("/open/wms/partner/query", JushuitanFault.throttledPerSecond(), 1);

        assertThat(client.warehouses().list().stream().count()).isEqualTo(3);
        assertThat(sim.requestCount("/open/wms/partner/query")).isEqualTo(4);
    }

    @Test
    void errors_throttledOnceRetriesAreExhausted_isAThrottledApiException(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).retry(RetryOptions.disabled()).build();
        client.warehouses().list().stream().count();
        sim.faults().next("/open/wms/partner/query", JushuitanFault.throttledPerMinute(), 1);

        assertThatThrownBy(() -> client.warehouses().list().stream().count())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("200");
                    assertThat(e.isThrottled()).isTrue();
                })
                .hasMessageContaining("100 requests a minute");
    }

    @Test
    void errors_simulatorEnforcesItsLimits_whenTheClientDoesNotPace(JushuitanSimulator sim) {
        try (JushuitanSimulator strict = JushuitanSimulator.builder().documents(10).limits(1000, 4).build().start()) {
            JushuitanClient client = clientFor(strict).retry(RetryOptions.disabled()).build();
            for (int i = 0; i < 3; i++) {
                client.warehouses().list().stream().count(); // plus one token request: 4 in the minute
            }

            assertThatThrownBy(() -> client.warehouses().list().stream().count())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.vendorCode()).isEqualTo("200"));
            assertThat(strict.throttledCount()).isEqualTo(1);
        }
    }

    @Test
    void rateLimits_clientPacing_keepsTheSimulatorFromThrottling() {
        try (JushuitanSimulator strict = JushuitanSimulator.builder().documents(10).limits(5, 1000).build().start()) {
            JushuitanClient client = clientFor(strict).retry(RetryOptions.disabled())
                    .rateLimits(RateLimits.of(RateLimit.perSecond(4))).build();
            for (int i = 0; i < 9; i++) {
                client.call("/open/wms/partner/query", Map.of("page_index", 1), true);
            }

            assertThat(strict.throttledCount()).isZero();
            assertThat(strict.requestCount()).isEqualTo(10);
        }
    }

    @Test
    void errors_transportFaultsAndServerErrors_areRetriedForQueries(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        client.warehouses().list().stream().count();
        sim.faults().next("/open/wms/partner/query", JushuitanFault.connectionReset(), 1);
        sim.faults().next("/open/wms/partner/query", JushuitanFault.httpStatus(503), 1);

        assertThat(client.warehouses().list().stream().count()).isEqualTo(3);
    }

    @Test
    void errors_malformedAnswer_isADecodeException(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        client.warehouses().list().stream().count();
        sim.faults().next("/open/wms/partner/query", JushuitanFault.malformedJson(), 1);

        assertThatThrownBy(() -> client.warehouses().list().stream().count()).isInstanceOf(DecodeException.class);
    }

    @Test
    void errors_answerSlowerThanTheTimeout_isRetriedAsATransportError(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).transport(io.qiao.client.JdkHttpTransport.builder()
                .requestTimeout(Duration.ofMillis(300)).build()).build();
        client.warehouses().list().stream().count();
        sim.faults().next("/open/wms/partner/query", JushuitanFault.slow(Duration.ofSeconds(2)), 1);

        assertThat(client.warehouses().list().stream().count()).isEqualTo(3);
        assertThat(sim.requestCount("/open/wms/partner/query")).isEqualTo(3);
    }

    @Test
    void create_isIdempotentByExternalId_andTheDocumentIsListed(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        OtherInOutRequest upload = OtherInOutRequest.builder("KIS-2024-0001", OtherInOutRequest.Direction.IN)
                .warehouse(1).remark("盘盈入库").confirm(true)
                .item("SKU-001", 5).item("SKU-002", 7).build();

        var first = client.otherInOuts().create(upload);
        var again = client.otherInOuts().create(upload);

        assertThat(again.ioId()).isEqualTo(first.ioId());
        assertThat(first.externalId()).isEqualTo("KIS-2024-0001");
        OtherInOut listed = client.otherInOuts().list(OtherInOutQuery.builder().ioIds(List.of(first.ioId())).build())
                .iterator().next();
        assertThat(listed.items()).extracting(OtherInOutItem::qty).containsExactly(5, 7);
        assertThat(sim.otherInOutCount()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedAccessorsAndVerb_delegateToThePluralResources(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        assertThat(client.otherInOut()).isSameAs(client.otherInOuts());
        assertThat(client.inventory()).isSameAs(client.inventories());
        assertThat(client.purchaseIn()).isSameAs(client.purchaseIns());

        OtherInOutRequest request = OtherInOutRequest.builder("KIS-2024-0002", OtherInOutRequest.Direction.IN)
                .warehouse(1).remark("盘盈入库").item("SKU-001", 2).build();
        var created = client.otherInOut().upload(request);
        assertThat(client.otherInOuts().create(request).ioId()).isEqualTo(created.ioId());
    }

    @Test
    void otherInOutRequest_toBuilder_keepsEveryValue() {
        OtherInOutRequest request = OtherInOutRequest.builder("EXT-1", OtherInOutRequest.Direction.OUT)
                .warehouse(3).wmsCoId(10002).remark("r").confirm(true).drpCoName("d").label("L")
                .item("SKU-001", 2).item("SKU-002", 3).build();

        OtherInOutRequest copy = request.toBuilder().build();
        OtherInOutRequest changed = request.toBuilder().item("SKU-003", 1).build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(request);
        assertThat(copy.wmsCoId()).isEqualTo(10002L);
        assertThat(copy.drpCoName()).isEqualTo("d");
        assertThat(copy.labels()).containsExactly("L");
        assertThat(changed.items()).hasSize(3);
        assertThat(request.items()).as("the original is unchanged").hasSize(2);
    }

    @Test
    void otherApis_listTheirRecords(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).build();
        Instant from = sim.dataSet().start().atZone(Json.SHANGHAI).toInstant();
        Instant to = sim.dataSet().end().atZone(Json.SHANGHAI).toInstant();

        assertThat(client.orders().list(OrderQuery.modifiedBetween(from, to)).stream().count())
                .isEqualTo(sim.dataSet().orders().size());
        assertThat(client.inventories().list(InventoryQuery.modifiedBetween(from, to)).stream().count())
                .isEqualTo(sim.dataSet().inventory().size());
        assertThat(client.purchaseIns().list(PurchaseInQuery.modifiedBetween(from, to)).stream().count())
                .isEqualTo(sim.dataSet().purchaseIn().size());
        assertThat(client.warehouses().list()).extracting(w -> w.wmsCoId()).containsExactly(10001L, 10002L, 10003L);
        assertThat(client.inventories().list(InventoryQuery.modifiedBetween(from, to)).iterator().next().customizeQty1())
                .isZero();
    }

    @Test
    void call_returnsTheDataNode(JushuitanSimulator sim) {
        JsonNode data = clientFor(sim).build().call("/open/wms/partner/query", Map.of("page_index", 1, "page_size", 2), true);

        assertThat(data.path("datas")).hasSize(2);
        assertThat(data.path("has_next").asBoolean()).isTrue();
    }

    @Test
    void builder_whenCredentialsMissing_namesThem() {
        assertThatThrownBy(() -> JushuitanClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials(JushuitanCredentials.of(appKey, appSecret))");
    }

    @Test
    void query_withoutRangeOrIds_isRefusedNamingTheFields() {
        assertThatThrownBy(() -> OtherInOutQuery.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("so_ids").hasMessageContaining("io_ids");
        assertThatThrownBy(() -> OtherInOutQuery.builder().pageSize(51))
                .hasMessageContaining("page_size must be between 1 and 50, was 51");
    }

    @Test
    void toString_neverShowsTheSecret(JushuitanSimulator sim) {
        assertThat(clientFor(sim).appSecret(Secret.of("TOP-SECRET")).build().toString()).doesNotContain("TOP-SECRET");
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
