package io.qiao.kis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import io.qiao.testkit.kis.KisSimulator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A newcomer's first list, "the last 7 days", against a simulator with {@code recentBills(n)} is not empty. */
class LastSevenDaysTest {
    @Test
    void recentBills_aFreshClientListingTheLastSevenDays_getsThoseBillsOnly() {
        try (KisSimulator sim = KisSimulator.builder().recentBills(30).build().start()) {
            KisClient client = KisTestSupport.clientFor(sim).build();
            LocalDate today = LocalDate.now(Json.SHANGHAI);

            List<MiscellaneousReceiptSummary> week = client.miscellaneousReceipts()
                    .list(MiscellaneousReceiptQuery.between(today.minusDays(6), today)).stream().toList();

            assertThat(week).hasSize(7).allSatisfy(r -> assertThat(r.date()).isBetween(today.minusDays(6), today));
            assertThat(sim.bills()).hasSize(30);
        }
    }
}
