package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.QiaoException;
import io.qiao.client.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    private static final AccessToken TOKEN = new AccessToken(Secret.of("acc"), Secret.of("ref"),
            Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-31T00:00:00Z"), "all");

    @TempDir
    Path dir;

    @Test
    void inMemory_savesAndLoadsPerAppKey() {
        TokenStore store = TokenStore.inMemory();
        store.save("app1", TOKEN);

        assertThat(store.load("app1")).contains(TOKEN);
        assertThat(store.load("app2")).isEmpty();
        store.delete("app1");
        assertThat(store.load("app1")).isEmpty();
    }

    @Test
    void file_survivesANewInstance() {
        Path file = dir.resolve("tokens/jst.json");
        TokenStore.file(file).save("app1", TOKEN);
        TokenStore.file(file).save("app2", TOKEN);

        AccessToken loaded = TokenStore.file(file).load("app1").orElseThrow();
        assertThat(loaded.accessToken().reveal()).isEqualTo("acc");
        assertThat(loaded.refreshToken().reveal()).isEqualTo("ref");
        assertThat(loaded.expiresAt()).isEqualTo(TOKEN.expiresAt());
        assertThat(TokenStore.file(file).load("app2")).isPresent();
    }

    @Test
    void file_isReadableByItsOwnerOnly_andLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("jst.json");
        TokenStore.file(file).save("app1", TOKEN);

        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void file_delete_removesOnlyThatAppKey() {
        TokenStore store = TokenStore.file(dir.resolve("jst.json"));
        store.save("app1", TOKEN);
        store.save("app2", TOKEN);
        store.delete("app1");

        assertThat(store.load("app1")).isEmpty();
        assertThat(store.load("app2")).isPresent();
    }

    @Test
    void file_whenDamaged_saysSoAndHowToRecover() throws Exception {
        Path file = dir.resolve("jst.json");
        Files.writeString(file, "{\"app1\":{\"access_token\":\"x\",\"issued_at\":\"yesterday\"}}");

        assertThatThrownBy(() -> TokenStore.file(file).load("app1"))
                .isInstanceOf(QiaoException.class)
                .hasMessageContaining("damaged").hasMessageContaining("app1").hasMessageNotContaining("\"x\"");
    }
}
