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

    /** Expected: what Kingdee's com.smecloud.apigw 0.1.5 ApigwClient.getQueryEncode makes of the decoded query. */
    @Test
    void canonicalQuery_isKingdeesClientForm() {
        assertThat(GatewaySignatures.canonicalQuery("b=a%20b&a=%2F")).isEqualTo("a=%252F&b=a%2Bb");
        assertThat(GatewaySignatures.canonicalQuery("k=a*b~c")).isEqualTo("k=a%2Ab%257Ec");
        assertThat(GatewaySignatures.canonicalQuery("page=1&page2=2&k%20y=v")).isEqualTo("k%2By=v&page2=2&page=1");
        assertThat(GatewaySignatures.canonicalQuery(null)).isEmpty();
    }

    @Test
    void rfc3986Query_isTheThirdPartyForm() {
        assertThat(GatewaySignatures.rfc3986Query("b=a%20b&a=%2F")).isEqualTo("a=%252F&b=a%2520b");
        assertThat(GatewaySignatures.rfc3986Query("k=a*b~c")).isEqualTo("k=a%252Ab~c");
        assertThat(GatewaySignatures.rfc3986Query("page=1&page2=2")).isEqualTo("page=1&page2=2");
    }
}
