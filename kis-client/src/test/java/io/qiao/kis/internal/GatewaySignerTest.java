package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * One row per character class. Expected: the output of Kingdee's own client ({@code com.smecloud.apigw} 0.1.5,
     * {@code ApigwClient.getQueryEncode}, jar in lishye/KingdeeApigwclient {@code Java/apigwclient-0.1.5.jar}) on
     * the same one-parameter query. The RFC 3986 form of third-party clients is in the last column where it differs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "letters, digits, - _ .   | k    | a-b_c.d | k=a-b_c.d                         | same",
            "space                    | k    | a b     | k=a%2Bb                           | k=a%2520b",
            "asterisk                 | k    | a*b     | k=a%2Ab                           | k=a%252Ab",
            "tilde                    | k    | a~b     | k=a%257Eb                         | k=a~b",
            "plus                     | k    | a+b     | k=a%252Bb                         | same",
            "reserved / = &           | k    | a/b=c&d | k=a%252Fb%253Dc%2526d             | same",
            "non-ASCII                | k    | 中文     | k=%25E4%25B8%25AD%25E6%2596%2587  | same",
            "sub-delims ! ' ( )       | k    | a!b'(c) | k=a%2521b%2527%2528c%2529         | same",
            "a percent sign           | k    | %41     | k=%252541                         | same",
            "tilde in a name          | k~x  | v       | k~x=v                             | same",
            "space in a name          | k y  | v       | k%2By=v                           | k y=v",
            "asterisk in a name       | k*   | v       | k%252A=v                          | k*=v",
    })
    void canonicalQuery_followsKingdeesOwnClient_perCharacterClass(String charClass, String name, String value,
                                                                   String official, String thirdParty) {
        assertThat(GatewaySigner.canonicalQuery(Map.of(name, value))).as(charClass).isEqualTo(official);
        if (!"same".equals(thirdParty)) {
            assertThat(thirdParty).as("the third-party form really differs").isNotEqualTo(official);
        }
    }

    /** Kingdee's client sorts "name=value" strings: '2' (0x32) is below '=' (0x3D), so page2 precedes page. */
    @Test
    void canonicalQuery_sortsNameValueStringsAsKingdeesClientDoes() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("page", "1");
        q.put("page_size", "3");
        q.put("page2", "2");
        q.put("Page", "4");

        assertThat(GatewaySigner.canonicalQuery(q)).isEqualTo("Page=4&page2=2&page=1&page_size=3");
    }

    @Test
    void stringToSign_encodesThePathAsKingdeesClientDoes_spaceAsPlus() {
        String s = GatewaySigner.stringToSign("POST", "/a b/c~d*e", Map.of(), "7", "8");

        assertThat(s).startsWith("POST\n%2Fa+b%2Fc~d%2Ae\n\n");
    }
}
