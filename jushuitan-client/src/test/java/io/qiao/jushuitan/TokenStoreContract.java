package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} must do; each implementation's test extends this. */
abstract class TokenStoreContract {
    static final AccessToken TOKEN = new AccessToken(Secret.of("acc"), Secret.of("ref"),
            Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-31T00:00:00Z"), "all");
    static final AccessToken NEWER = new AccessToken(Secret.of("acc2"), null,
            Instant.parse("2024-05-30T00:00:00Z"), Instant.parse("2024-06-29T00:00:00Z"), null);

    TokenStore store;

    abstract TokenStore newStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = newStore();
        store.delete("app1");
        store.delete("app2");
    }

    @Test
    void load_whenNothingSaved_isEmpty() {
        assertThat(store.load("app1")).isEmpty();
    }

    @Test
    void save_thenLoad_givesTheSameToken() {
        store.save("app1", TOKEN);

        AccessToken loaded = store.load("app1").orElseThrow();
        assertThat(loaded.accessToken().reveal()).isEqualTo("acc");
        assertThat(loaded.refreshToken().reveal()).isEqualTo("ref");
        assertThat(loaded.issuedAt()).isEqualTo(TOKEN.issuedAt());
        assertThat(loaded.expiresAt()).isEqualTo(TOKEN.expiresAt());
        assertThat(loaded.scope()).isEqualTo("all");
    }

    @Test
    void save_again_replacesTheToken_andKeepsOtherAppKeys() {
        store.save("app1", TOKEN);
        store.save("app2", TOKEN);
        store.save("app1", NEWER);

        AccessToken loaded = store.load("app1").orElseThrow();
        assertThat(loaded.accessToken().reveal()).isEqualTo("acc2");
        assertThat(loaded.refreshToken()).isNull();
        assertThat(loaded.scope()).isNull();
        assertThat(store.load("app2").orElseThrow().accessToken().reveal()).isEqualTo("acc");
    }

    @Test
    void delete_forgetsOnlyThatAppKey() {
        store.save("app1", TOKEN);
        store.save("app2", TOKEN);
        store.delete("app1");

        assertThat(store.load("app1")).isEmpty();
        assertThat(store.load("app2")).isPresent();
    }

    @Test
    void save_fromManyThreads_leavesOneCompleteToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                AccessToken t = i % 2 == 0 ? TOKEN : NEWER;
                done.add(pool.submit(() -> store.save("app1", t)));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        AccessToken loaded = store.load("app1").orElseThrow();
        assertThat(loaded.accessToken().reveal()).isIn("acc", "acc2");
        assertThat(loaded.expiresAt()).isEqualTo(loaded.accessToken().reveal().equals("acc")
                ? TOKEN.expiresAt() : NEWER.expiresAt());
    }
}
