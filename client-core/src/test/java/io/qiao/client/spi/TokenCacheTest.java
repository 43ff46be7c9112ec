package io.qiao.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    /** A token as the vendors give them: a value and when it expires. */
    record Token(String value, Instant expiresAt) {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<Token> previousSeen = new CopyOnWriteArrayList<>();

    private Token next(Token previous) {
        previousSeen.add(previous == null ? new Token("none", Instant.EPOCH) : previous);
        int n = fetches.incrementAndGet();
        return new Token("t" + n, clock.instant().plus(Duration.ofMinutes(30)));
    }

    private TokenCache<Token> cache(TokenCache.Fetcher<Token> fetcher) {
        return TokenCache.builder(fetcher).expiresAt(Token::expiresAt).refreshSkew(Duration.ofMinutes(1))
                .clock(clock).build();
    }

    @Test
    void get_isCachedWhileFresh() {
        TokenCache<Token> tokens = cache(this::next);

        Token first = tokens.get();
        clock.advance(Duration.ofMinutes(28));

        assertThat(tokens.get()).isSameAs(first);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void get_concurrentCallers_waitForOneFetchAndShareItsToken() throws Exception {
        int threads = 16;
        CountDownLatch allAsking = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        TokenCache<Token> tokens = cache(previous -> {
            await(release); // hold the fetch open until every thread has asked
            return next(previous);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Token>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    allAsking.countDown();
                    return tokens.get();
                }));
            }
            assertThat(allAsking.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100); // the stragglers are inside get(), waiting on the one fetch
            release.countDown();
            for (Future<Token> f : got) {
                assertThat(f.get(10, TimeUnit.SECONDS).value()).isEqualTo("t1");
            }
            assertThat(fetches).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void get_withinTheRefreshSkewBeforeExpiry_fetchesANewToken_byTheClientsClock() {
        TokenCache<Token> tokens = cache(this::next);
        Token first = tokens.get();

        clock.advance(Duration.ofMinutes(29)); // exactly the skew before the 30-minute expiry
        Token second = tokens.get();

        assertThat(second.value()).isEqualTo("t2");
        assertThat(previousSeen.get(1)).isSameAs(first); // the fetch is told what it replaces (a refresh token)
    }

    @Test
    void get_tokenShorterLivedThanTheSkew_isStillUsedForHalfItsLife() {
        TokenCache<Token> tokens = TokenCache.<Token>builder(p -> {
            fetches.incrementAndGet();
            return new Token("short", clock.instant().plus(Duration.ofSeconds(60)));
        }).expiresAt(Token::expiresAt).refreshSkew(Duration.ofMinutes(5)).clock(clock).build();

        tokens.get();
        clock.advance(Duration.ofSeconds(29));
        tokens.get();
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.get();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void invalidate_ofTheCurrentToken_makesTheNextGetFetch() {
        TokenCache<Token> tokens = cache(this::next);
        Token refused = tokens.get();

        assertThat(tokens.invalidate(refused)).isTrue();
        Token fresh = tokens.get();

        assertThat(fresh.value()).isEqualTo("t2");
        assertThat(previousSeen.get(1)).isSameAs(refused);
    }

    @Test
    void invalidate_ofAStaleToken_keepsTheFreshOne() {
        TokenCache<Token> tokens = cache(this::next);
        Token stale = tokens.get();
        tokens.invalidate(stale);
        Token fresh = tokens.get();

        // a second thread reports the refusal of the token it sent before the renewal
        assertThat(tokens.invalidate(stale)).isFalse();

        assertThat(tokens.get()).isSameAs(fresh);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void get_afterAFailedFetch_fetchesAgain_theFailureIsNotCached() {
        AtomicInteger calls = new AtomicInteger();
        TokenCache<Token> tokens = cache(previous -> {
            if (calls.incrementAndGet() == 1) {
                throw ApiException.builder().operation("token").httpStatus(503).retryable(true).build();
            }
            return next(previous);
        });

        assertThatThrownBy(tokens::get).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).httpStatus()).isEqualTo(503));
        assertThat(tokens.get().value()).isEqualTo("t1");
        assertThat(calls).hasValue(2);
    }

    @Test
    void get_waitersOfAFailedFetch_getTheVendorsExceptionType_andOneFetchIsMade() throws Exception {
        int threads = 8;
        CountDownLatch allAsking = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        TokenCache<Token> tokens = cache(previous -> {
            fetches.incrementAndGet();
            await(release);
            throw ApiException.builder().operation("token").httpStatus(401).vendorMessage("bad secret").build();
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    allAsking.countDown();
                    try {
                        tokens.get();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertThat(allAsking.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            release.countDown();
            for (Future<Throwable> f : got) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(ApiException.class);
            }
            assertThat(fetches).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replace_makesTheOneOffTokenCurrent() {
        TokenCache<Token> tokens = cache(this::next);
        tokens.get();

        Token authorised = tokens.replace(p -> new Token("from-code", clock.instant().plus(Duration.ofDays(1))));

        assertThat(tokens.get()).isSameAs(authorised);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void get_tokenThatNeverExpires_isKeptUntilInvalidated() {
        TokenCache<Token> tokens = TokenCache.<Token>builder(p -> {
            fetches.incrementAndGet();
            return new Token("fixed", Instant.MAX);
        }).expiresAt(Token::expiresAt).clock(clock).build();

        tokens.get();
        clock.advance(Duration.ofDays(10_000));
        tokens.get();

        assertThat(fetches).hasValue(1);
    }

    @Test
    void build_withoutExpiry_namesIt() {
        assertThatThrownBy(() -> TokenCache.<Token>builder(this::next).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> TokenCache.<Token>builder(this::next).refreshSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshSkew");
    }

    @Test
    void toString_neverShowsTheToken() {
        TokenCache<Token> tokens = cache(p -> new Token("secret-token-value", Instant.MAX));
        tokens.get();

        assertThat(tokens.toString()).doesNotContain("secret-token-value");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        public ZoneOffset getZone() {
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
