package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KisRedactionTest {
    @Test
    void redactor_masksTheSessionFlowSecretsAndTheAppToken() {
        String body = "{\"errcode\":0,\"data\":{\"access_token\":\"AT\",\"session_id\":\"S1\",\"session_secret\":\"SS\","
                + "\"auth_data\":\"AD\",\"app-token\":\"eyJ\",\"extend_data\":{\"refresh_auth_data_token\":\"RT\"}},"
                + "\"code\":\"CODE\"}";

        String shown = KisRedaction.redactor().text(body);

        assertThat(shown).doesNotContain("\"AT\"", "\"SS\"", "\"AD\"", "\"eyJ\"", "\"RT\"", "\"CODE\"")
                .contains("\"errcode\":0").contains("\"session_id\":\"S1\"");
    }

    @Test
    void redactor_masksSignatureAndAuthHeaders() {
        assertThat(KisRedaction.redactor().isSensitive("KIS-AuthData")).isTrue();
        assertThat(KisRedaction.redactor().isSensitive("X-Api-Signature")).isTrue();
        assertThat(KisRedaction.redactor().isSensitive("KIS-Signature")).isTrue();
        assertThat(KisRedaction.redactor().isSensitive("X-GW-Router-Addr")).isFalse();
    }
}
