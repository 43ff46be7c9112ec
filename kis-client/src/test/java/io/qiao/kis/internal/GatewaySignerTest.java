package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySignerTest {
    static final String APPSIG = "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";

    @Test
    void appSignature_matchesThePublishedAbcVector() {
        // VENDORS.md §5 APPSIG: published in the gateway doc copy and in lishye/KingdeeApigwclient.
        assertThat(GatewaySigner.appSignature("abc", Secret.of("abc123"))).isEqualTo(APPSIG);
    }

    @Test
    void stringToSign_encodesPathSortsQueryAndDoubleEncodesValues() {
        String s = GatewaySigner.stringToSign("GET", "/jdyconnector/app_management/kingdee_auth_token",
                Map.of("app_signature", APPSIG, "app_key", "abc"), "1700000000000", "1700000000000");

        assertThat(s).isEqualTo("GET\n%2Fjdyconnector%2Fapp_management%2Fkingdee_auth_token\n"
                + "app_key=abc&app_signature=" + APPSIG.replace("==", "%253D%253D") + "\n"
                + "x-api-nonce:1700000000000\nx-api-timestamp:1700000000000\n");
    }

    @Test
    void apiSignature_matchesVectorGw1() {
        // VENDORS.md §5 GW1 inputs; the value is [V-calc] (computed with Python's hmac/quote, not published).
        String s = GatewaySigner.stringToSign("GET", "/jdyconnector/app_management/kingdee_auth_token",
                Map.of("app_key", "abc", "app_signature", APPSIG), "1700000000000", "1700000000000");

        assertThat(GatewaySigner.apiSignature(Secret.of("test_client_secret"), s))
                .isEqualTo("ZDBmYzcyZGU4ZjkxMGVhOWYyYmYxOTZhNGVlZWE5YmI5ZjM0ZjM5MWYwNGM4YjA3OTM4MGYyMzkyMzliZjhiZQ==");
    }

    @Test
    void stringToSign_withoutQuery_keepsAnEmptyLine() {
        String s = GatewaySigner.stringToSign("POST", "/koas/app007104/api/miscellaneousreceipt/create", Map.of(),
                "7", "8");

        assertThat(s).isEqualTo("POST\n%2Fkoas%2Fapp007104%2Fapi%2Fmiscellaneousreceipt%2Fcreate\n\n"
                + "x-api-nonce:7\nx-api-timestamp:8\n");
    }

    @Test
    void encode_keepsOnlyUnreservedCharacters_upperCaseHex() {
        assertThat(GatewaySigner.encode("a-Z_0.~ /+=*中")).isEqualTo("a-Z_0.~%20%2F%2B%3D%2A%E4%B8%AD");
    }

    @Test
    void decodeQuery_roundTripsEncodeQuery() {
        Map<String, String> q = Map.of("app_signature", APPSIG, "x", "a b&c");

        assertThat(GatewaySigner.decodeQuery(GatewaySigner.encodeQuery(q))).isEqualTo(q);
    }
}
