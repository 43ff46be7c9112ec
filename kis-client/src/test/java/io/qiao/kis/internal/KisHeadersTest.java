package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Request;
import java.net.URI;
import org.junit.jupiter.api.Test;

class KisHeadersTest {
    @Test
    void kisSignature_matchesVectorKs1() {
        // VENDORS.md §5 KS1 inputs; the value is [V-calc] (sha256 of the concatenation, computed with Python).
        assertThat(KisHeaders.kisSignature("state1", "sess1", "trace1", "secret1", "1700000000"))
                .isEqualTo("2c16f008a530260a00a83a684e57106715495697c7fccab345de7c320082f203");
    }

    @Test
    void add_setsTheFourKisHeaders_withTimestampInSeconds() {
        Request r = KisHeaders.add(Request.get(URI.create("http://x/y")), "st", "tr", 1700000000L).build();

        assertThat(r.header("Kis-State")).contains("st");
        assertThat(r.header("Kis-Traceid")).contains("tr");
        assertThat(r.header("Kis-Timestamp")).contains("1700000000");
        assertThat(r.header("Kis-Ver")).contains("1.0");
    }
}
