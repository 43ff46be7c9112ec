package io.qiao.testkit.kis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySignaturesTest {
    static final String APPSIG = "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";

    @Test
    void appSignature_matchesThePublishedAbcVector() {
        assertThat(GatewaySignatures.appSignature("abc", "abc123")).isEqualTo(APPSIG);
    }

    @Test
    void apiSignature_matchesVectorGw1_fromTheWireQuery() {
        // The query as a client puts it on the wire (values encoded once); [V-calc] value from VENDORS.md §5 GW1.
        String rawQuery = "app_key=abc&app_signature=" + APPSIG.replace("=", "%3D");

        String sig = GatewaySignatures.apiSignature("test_client_secret", "GET",
                "/jdyconnector/app_management/kingdee_auth_token", rawQuery,
                Map.of("x-api-timestamp", "1700000000000", "x-api-nonce", "1700000000000"));

        assertThat(sig).isEqualTo("ZDBmYzcyZGU4ZjkxMGVhOWYyYmYxOTZhNGVlZWE5YmI5ZjM0ZjM5MWYwNGM4YjA3OTM4MGYyMzkyMzliZjhiZQ==");
    }

    @Test
    void canonicalQuery_sortsAndDoubleEncodes() {
        assertThat(GatewaySignatures.canonicalQuery("b=a%20b&a=%2F")).isEqualTo("a=%252F&b=a%2520b");
        assertThat(GatewaySignatures.canonicalQuery(null)).isEmpty();
    }
}
