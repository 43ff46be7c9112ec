package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.QiaoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest extends TokenStoreContract {
    @TempDir
    Path dir;

    @Override
    TokenStore newStore() {
        return TokenStore.file(dir.resolve("tokens/jst.json"));
    }

    @Test
    void file_survivesANewInstance() {
        store.save("app1", TOKEN);

        assertThat(TokenStore.file(dir.resolve("tokens/jst.json")).load("app1")).isPresent();
    }

    @Test
    void file_isReadableByItsOwnerOnly_andLeavesNoTemporaryFiles() throws Exception {
        store.save("app1", TOKEN);
        Path file = dir.resolve("tokens/jst.json");

        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void file_whenDamaged_saysSoAndHowToRecover() throws Exception {
        Path file = dir.resolve("damaged.json");
        Files.writeString(file, "{\"app1\":{\"access_token\":\"x\",\"issued_at\":\"yesterday\"}}");

        assertThatThrownBy(() -> TokenStore.file(file).load("app1"))
                .isInstanceOf(QiaoException.class)
                .hasMessageContaining("damaged").hasMessageContaining("app1").hasMessageNotContaining("\"x\"");
    }

    @Test
    void file_cutOffInsideATokenSoThatJacksonQuotesIt_saysWhereButNotTheToken() throws Exception {
        Path file = dir.resolve("cut.json");
        Files.writeString(file, "{\"app1\":{\"access_token\":b7e1c2d9f0a84e6f9c3d2b1a0e9f8d7c");

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> TokenStore.file(file).load("app1"));

        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(e).isInstanceOf(QiaoException.class).hasMessageContaining("not valid JSON at line 1");
        assertThat(trace.toString()).doesNotContain("b7e1c2d9");
    }
}
