package io.qiao.sync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertScrubberTest {

    @Test
    void channelSecrets_areMaskedWhereverTheyAppear() {
        AlertScrubber scrubber = new AlertScrubber(List.of("SECsigning42", "tok9f8e7d6c5b4a"));

        String out = scrubber.scrub("robot said: bad sign for SECsigning42 (token tok9f8e7d6c5b4a)");

        assertThat(out).doesNotContain("SECsigning42").doesNotContain("tok9f8e7d6c5b4a").contains("bad sign for");
    }

    @Test
    void secretsTheRedactorKnowsByName_andJdbcPasswords_areMasked() {
        AlertScrubber scrubber = new AlertScrubber(List.of());

        String out = scrubber.scrub("vendor: app_secret=s3cr3t-value failed; "
                + "jdbc:mariadb://db:3306/erp?user=qiao&password=db-pass-77");

        assertThat(out).contains("app_secret=").doesNotContain("s3cr3t-value").doesNotContain("db-pass-77");
    }

    @Test
    void queryValues_areTheWebhooksCredentials_andNullStaysNull() {
        assertThat(AlertScrubber.queryValues(URI.create("https://r.example/send?access_token=abc&x=&key=k1")))
                .containsExactly("abc", "k1");
        assertThat(AlertScrubber.queryValues(URI.create("https://r.example/send"))).isEmpty();
        assertThat(new AlertScrubber(List.of("abc")).scrub(null)).isNull();
    }
}
