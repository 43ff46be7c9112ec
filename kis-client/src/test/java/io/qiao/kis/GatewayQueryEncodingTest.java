package io.qiao.kis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.kis.GatewaySignatures;
import io.qiao.testkit.kis.KisSimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A query whose parameters hold the characters where Kingdee's own client and third-party clients encode differently
 * (space, '*', '~'), sent to a simulator that accepts only the official form.
 */
class GatewayQueryEncodingTest {
    private static final String APP_KEY = "sim key*~1";

    @Test
    void tokenCall_withSpaceAsteriskAndTildeInTheQuery_isSignedAsKingdeesClientSignsIt() {
        try (KisSimulator sim = KisSimulator.builder().appKey(APP_KEY).acceptRfc3986Signatures(false).build().start()) {
            KisClient kis = KisTestSupport.clientFor(sim).build();

            kis.materials().list(MaterialQuery.all()).stream().toList();

            assertThat(sim.signatureFailures()).isEmpty();
            assertThat(sim.tokensIssued()).isEqualTo(1);
        }
    }

    /** Guards the test above: for this query the two encodings really give different signatures. */
    @Test
    void theTwoEncodings_differForThisQuery() {
        String rawQuery = "app_key=sim%20key%2A~1&app_signature=x";
        Map<String, String> headers = Map.of("x-api-nonce", "1", "x-api-timestamp", "2");

        assertThat(GatewaySignatures.apiSignature("s", "GET", "/p", rawQuery, headers))
                .isNotEqualTo(GatewaySignatures.rfc3986ApiSignature("s", "GET", "/p", rawQuery, headers));
    }
}
