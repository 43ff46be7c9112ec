package io.qiao.jackyun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JackyunSignerTest {

    /** K1: the official sign example's inputs (VENDORS.md 2.3 / 5). */
    @Test
    void sign_officialExampleInputs_matchesK1() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", "erp.goods.skuimport");
        params.put("appkey", "187657");
        params.put("version", "v1.0");
        params.put("contenttype", "json");
        params.put("timestamp", "2019-07-30 15:18:30");
        params.put("bizcontent", "{\"brandName\":\"衣服\",\"goodsNo\":\"H06-2\"}");

        assertThat(JackyunSigner.sign(params, Secret.of("f0d1483f1f2e49cea3dfd48c8d7e3c23")))
                .isEqualTo("20cda156f86b919dd737a999041ac350");
    }

    /** K4: graconfig's formula vectors; the whole string is lowercased, secret included. */
    @Test
    void sign_formulaVectors_matchK4() {
        assertThat(JackyunSigner.sign(Map.of("a", "1", "b", "2"), Secret.of("abc")))
                .isEqualTo(JackyunSigner.md5Hex("abca1b2abc"))
                .isEqualTo("e77954332c159b0debe418aa512025d0");
        assertThat(JackyunSigner.sign(Map.of("KEY", "VALUE"), Secret.of("SECRET")))
                .isEqualTo(JackyunSigner.md5Hex("secretkeyvaluesecret"))
                .isEqualTo("0eb92e57e481fbd69445deec39243827");
    }

    /** K3: lowercasing reaches into the JSON, so {"pageIndex":0} is signed as {"pageindex":0}. */
    @Test
    void sign_lowercasesJsonValues_matchesK3() {
        Map<String, String> params = Map.of("appkey", "test_appkey", "bizcontent", "{\"pageIndex\":0,\"pageSize\":50}",
                "contenttype", "json", "method", "erp.warehouse.get", "timestamp", "2024-01-01 12:00:00",
                "version", "v1.0");
        assertThat(JackyunSigner.sign(params, Secret.of("TEST_SECRET"))).isEqualTo("64f2f7e60df02bab76198c00925f8c85");
    }

    @Test
    void sign_ignoresSignContextIdTokenAndNulls() {
        Map<String, String> base = Map.of("a", "1", "b", "2");
        Map<String, String> noisy = new HashMap<>(base);
        noisy.put("sign", "whatever");
        noisy.put("contextid", "42");
        noisy.put("token", "isv-token");
        noisy.put("c", null);
        assertThat(JackyunSigner.sign(noisy, Secret.of("abc"))).isEqualTo(JackyunSigner.sign(base, Secret.of("abc")));
    }
}
