package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error patterns: what varies between occurrences is normalised away, what tells failures apart stays. */
class ErrorReportTest {
    private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void pattern_normalisesNumbersIdsTimestampsPathsUuidsAndQuotedValues_butKeepsTheHttpStatus() {
        assertThat(ErrorReport.pattern("archive push of WS-2024-Y-0001 failed: HTTP 503 after 30000 ms at "
                + "2024-05-01T10:00:00Z (request 3f2b8c1e-9a7d-4c2e-8f11-0a1b2c3d4e5f)"))
                .isEqualTo("archive push of <id> failed: HTTP 503 after <n> ms at <time> (request <uuid>)");
        assertThat(ErrorReport.pattern("VALIDATE: files[0]: /data/archive_interface/inbound/a.pdf does not exist"))
                .isEqualTo("VALIDATE: files[<n>]: <path> does not exist");
        assertThat(ErrorReport.pattern("VALIDATE: docDate: '2024-02-30' is not a real date"))
                .isEqualTo("VALIDATE: docDate: '<value>' is not a real date");
        assertThat(ErrorReport.pattern("cannot reach https://archive.example.com/api/archive/create?x=1: timeout"))
                .isEqualTo("cannot reach <url> timeout");
        assertThat(ErrorReport.pattern("C:\\data\\in\\x.pdf was locked since 10:00:01.")).isEqualTo("<path> was locked since <time>.");
    }

    @Test
    void analyse_groupsASeededMixIntoTheExpectedPatterns_mostFrequentFirst_withOneExampleEach() {
        List<ErrorReport.Occurrence> all = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            all.add(new ErrorReport.Occurrence(T.plusSeconds(i), "runs db-documents-to-archive",
                    "run failed: archive push of WS-2024-Y-000" + i + " failed: HTTP 503", true));
        }
        for (int i = 1; i <= 3; i++) {
            all.add(new ErrorReport.Occurrence(T.plusSeconds(10 + i), "dead-letters files-to-archive",
                    "VALIDATE: docDate: '2024-02-3" + i + "' is not a real date", true));
        }
        all.add(new ErrorReport.Occurrence(T.plusSeconds(20), "runs db-documents-to-archive",
                "run failed: archive push of WS-2024-Y-0009 failed: HTTP 401", true));
        all.add(new ErrorReport.Occurrence(T.plusSeconds(21), "api-calls", "archive.create: API_ERROR HTTP 500", false));
        all.add(new ErrorReport.Occurrence(T.plusSeconds(22), "api-calls", "archive.create: API_ERROR HTTP 500", false));
        all.add(new ErrorReport.Occurrence(T.minusSeconds(3600), "api-calls", "archive.token: TRANSPORT_ERROR", false));

        ErrorReport.Result r = ErrorReport.analyse(all, T, T.plusSeconds(60), Redactor.defaults());

        assertThat(r.total()).isEqualTo(11);
        assertThat(r.top()).extracting(g -> g.count() + " " + g.pattern()).containsExactly(
                "5 run failed: archive push of <id> failed: HTTP 503",
                "3 VALIDATE: docDate: '<value>' is not a real date",
                "2 archive.create: API_ERROR HTTP 500",
                "1 run failed: archive push of <id> failed: HTTP 401");
        assertThat(r.top().get(0).example()).isEqualTo("run failed: archive push of WS-2024-Y-0005 failed: HTTP 503");
        assertThat(r.top().get(1).sources()).containsExactly("dead-letters files-to-archive");
    }

    @Test
    void analyse_keepsTheTopTen_andRedactsSecretsInExamples() {
        List<ErrorReport.Occurrence> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (int n = 0; n <= i; n++) {
                all.add(new ErrorReport.Occurrence(T, "runs x", "failure kind " + (char) ('a' + i)
                        + " with app_secret=hunter2-" + n + " and token s3cr3t-value-123", true));
            }
        }
        Redactor redactor = Redactor.defaults().remember("s3cr3t-value-123");

        ErrorReport.Result r = ErrorReport.analyse(all, T, T, redactor);

        assertThat(r.patterns()).isEqualTo(12);
        assertThat(r.top()).hasSize(10);
        assertThat(r.top().get(0).count()).isEqualTo(12);
        assertThat(r.top()).allSatisfy(g -> assertThat(g.example() + g.pattern()).doesNotContain("hunter2")
                .doesNotContain("s3cr3t"));
    }
}
