package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.testkit.archive.ArchiveSimulator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A newcomer's first query, "the last 7 days", against a simulator with {@code recentRecords(n)} is not empty. */
class LastSevenDaysTest {
    @Test
    void recentRecords_aFreshClientAskingForTheLastSevenDays_getsThoseRecordsOnly() {
        try (ArchiveSimulator sim = ArchiveSimulator.builder().recentRecords(60).build().start()) {
            ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                    .credentials(ArchiveCredentials.of(sim.appKey(), sim.appSecret())).build();
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

            List<ArchiveRecord> week = client.archives().list(ArchiveQuery.between(today.minusDays(6), today))
                    .stream().toList();

            assertThat(week).hasSize(14); // 60 records over 30 days: two a day
            sim.reset();
            assertThat(sim.records()).hasSize(60); // the sample survives a reset
        }
    }
}
