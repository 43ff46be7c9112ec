package io.qiao.archive;

import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.ClientShapeContract;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulator;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Issue 15: the shape every client shares, run against the archive simulator. */
class ArchiveClientShapeTest extends ClientShapeContract<ArchiveSimulator, ArchiveClient.Builder, ArchiveClient> {
    private static final RetryOptions NO_WAIT = RetryOptions.builder().baseDelay(Duration.ZERO)
            .maxDelay(Duration.ZERO).throttleDelay(Duration.ZERO).build();

    @Override
    protected ArchiveSimulator startSimulator() {
        ArchiveSimulator sim = ArchiveSimulator.builder().build().start();
        sim.seedRecord(Map.of("archiveNo", "N-1", "docDate", "2024-03-01", "title", "会议纪要"));
        return sim;
    }

    @Override
    protected ArchiveClient.Builder builder(ArchiveSimulator sim) {
        return ArchiveClient.builder().endpoint(sim.endpoint()).credentials(credentials(sim)).retry(NO_WAIT)
                .rateLimits(RateLimits.none());
    }

    @Override
    protected ArchiveClient build(ArchiveClient.Builder builder) {
        return builder.build();
    }

    @Override
    protected ArchiveClient.Builder newBuilder(ArchiveClient client) {
        return client.newBuilder();
    }

    @Override
    protected URI endpoint(ArchiveSimulator sim) {
        return sim.endpoint();
    }

    @Override
    protected ArchiveCredentials credentials(ArchiveSimulator sim) {
        return ArchiveCredentials.of(sim.appKey(), Secret.of(sim.appSecret()));
    }

    @Override
    protected List<String> secrets(ArchiveSimulator sim) {
        return List.of(sim.appSecret());
    }

    @Override
    protected String call(ArchiveClient client) {
        return client.archives().query(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)))
                .iterator().next().title();
    }

    @Override
    protected void failNextCallOnce(ArchiveSimulator sim) {
        sim.faults().status(ArchiveFaults.Operation.QUERY, sim.requestCount(ArchiveFaults.Operation.QUERY) + 1, 503);
    }

    @Override
    protected boolean isSigned(Request request) {
        return request.header("Authorization").isPresent();
    }

    /** Each client derived from an archive client obtains its own token (see {@link ArchiveClient#newBuilder()}). */
    @Override
    protected boolean derivedClientsShareTheToken() {
        return false;
    }
}
