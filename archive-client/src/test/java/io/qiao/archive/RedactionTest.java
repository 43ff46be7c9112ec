package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Redactor;
import org.junit.jupiter.api.Test;

/** The archive API's own field names for secrets and tokens are masked wherever Qiao logs a body. */
class RedactionTest {
    @Test
    void tokenRequestAndAnswer_neverShowTheSecretOrTheToken() {
        Redactor r = Redactor.defaults();
        String request = r.text("{\"appKey\":\"k\",\"appSecret\":\"s3cr3t\",\"grantType\":\"client_credentials\"}");
        String answer = r.text("{\"accessToken\":\"eyJ0eXAi.x.y\",\"expiresIn\":7200,\"tokenType\":\"Bearer\"}");
        assertThat(request).doesNotContain("s3cr3t").contains("\"appKey\":\"k\"");
        assertThat(answer).doesNotContain("eyJ0eXAi").contains("7200");
        assertThat(r.isSensitive("Authorization")).isTrue();
    }
}
