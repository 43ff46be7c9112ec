package io.qiao.testkit.jackyun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimSignatureTest {

    private static Map<String, String> k1() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "erp.goods.skuimport");
        p.put("appkey", "187657");
        p.put("version", "v1.0");
        p.put("contenttype", "json");
        p.put("timestamp", "2019-07-30 15:18:30");
        p.put("bizcontent", "{\"brandName\":\"衣服\",\"goodsNo\":\"H06-2\"}");
        return p;
    }

    @Test
    void expected_officialExampleInputs_matchesK1() {
        assertThat(SimSignature.expected(k1(), "f0d1483f1f2e49cea3dfd48c8d7e3c23"))
                .isEqualTo("20cda156f86b919dd737a999041ac350");
    }

    @Test
    void expected_formulaVectors_matchK4() {
        assertThat(SimSignature.expected(Map.of("a", "1", "b", "2"), "abc")).isEqualTo("e77954332c159b0debe418aa512025d0");
        assertThat(SimSignature.expected(Map.of("KEY", "VALUE"), "SECRET")).isEqualTo("0eb92e57e481fbd69445deec39243827");
    }

    @Test
    void verify_acceptsTheRightSignInAnyCaseAndIgnoresUnsignedParameters() {
        Map<String, String> form = new HashMap<>(k1());
        form.put("sign", "20CDA156F86B919DD737A999041AC350");
        form.put("contextid", "1");
        form.put("token", "t");
        assertThat(SimSignature.verify(form, "f0d1483f1f2e49cea3dfd48c8d7e3c23")).isTrue();
    }

    @Test
    void verify_rejectsATamperedParameter() {
        Map<String, String> form = new HashMap<>(k1());
        form.put("sign", "20cda156f86b919dd737a999041ac350");
        form.put("bizcontent", "{\"brandName\":\"衣服\",\"goodsNo\":\"H06-3\"}");
        assertThat(SimSignature.verify(form, "f0d1483f1f2e49cea3dfd48c8d7e3c23")).isFalse();
    }
}
