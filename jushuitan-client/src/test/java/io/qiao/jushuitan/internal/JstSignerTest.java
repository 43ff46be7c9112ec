package io.qiao.jushuitan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JstSignerTest {

    @Test
    void sign_matchesPublishedVectorJ1() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("timestamp", "100");
        fields.put("app_key", "app");
        fields.put("charset", "utf-8");

        assertThat(JstSigner.sign("secret", fields)).isEqualTo("706427ca94e342781ac36d501151cb10");
    }

    @Test
    void sign_bizRequest_matchesVectorJ2ComputedFromTheRule() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "2");
        fields.put("biz", "{\"page_index\":1,\"page_size\":30}");
        fields.put("timestamp", "1700000000");
        fields.put("app_key", "test_app_key");
        fields.put("charset", "utf-8");
        fields.put("access_token", "test_token");

        // md5("test_secretaccess_tokentest_token...version2") recomputed with Python hashlib
        assertThat(JstSigner.sign("test_secret", fields)).isEqualTo("a8426c5da69fbaa9efa18160f10951d4");
    }

    @Test
    void sign_tokenRequest_matchesVectorJ3ComputedFromTheRule() {
        Map<String, String> fields = Map.of("app_key", "test_app_key", "charset", "utf-8", "code", "abc123",
                "grant_type", "authorization_code", "timestamp", "1700000000");

        assertThat(JstSigner.sign("test_secret", fields)).isEqualTo("df62a1110efe9cfaeada9db92cae7489");
    }

    @Test
    void sign_ignoresAnExistingSignField() {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("timestamp", "100", "app_key", "app", "charset", "utf-8"));
        fields.put("sign", "whatever");

        assertThat(JstSigner.sign("secret", fields)).isEqualTo("706427ca94e342781ac36d501151cb10");
    }
}
