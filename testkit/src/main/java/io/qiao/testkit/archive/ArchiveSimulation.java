package io.qiao.testkit.archive;

import io.qiao.testkit.SimulatorServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the REST {@link ArchiveSimulator} and the {@link ArchiveSoapSimulator} share: one data model, one set of faults,
 * the accessors tests read them with, a lifecycle and an address. Public so that a test which runs over either holds
 * one type; only these two extend it.
 */
public abstract class ArchiveSimulation implements SimulatorServer {
    final ArchiveState state;
    final ArchiveFaults faults = new ArchiveFaults();

    ArchiveSimulation(ArchiveState state) {
        this.state = state;
    }

    @Override
    public abstract ArchiveSimulation start();

    /** The values the archive client needs to authenticate. */
    public abstract ArchiveSimulatorCredentials credentials();

    /** The faults to inject into the next requests. */
    public ArchiveFaults faults() {
        return faults;
    }

    /** Every record, in creation order. */
    public List<SimulatedRecord> records() {
        return state.records();
    }

    public Optional<SimulatedRecord> record(String archiveNo) {
        return state.records().stream().filter(r -> r.archiveNo().equals(archiveNo)).findFirst();
    }

    /** Every file of every record, in arrival order. */
    public List<SimulatedFile> files() {
        return state.records().stream().flatMap(r -> r.files().stream())
                .sorted(java.util.Comparator.comparingLong(SimulatedFile::fileId)).toList();
    }

    /** Adds a record directly, as if an earlier integration had created it; returns its archiveId. */
    public long seedRecord(java.util.Map<String, Object> metadata) {
        return state.seed(metadata);
    }

    /** Requests of an operation received since the last reset, faulty ones included. */
    public int requestCount(ArchiveFaults.Operation operation) {
        return state.count(operation);
    }

    public int tokensIssued() {
        return state.tokensIssued();
    }

    /** Every access token issued since the last reset, for tests that check the client never shows one. */
    public List<String> issuedTokens() {
        return state.tokens();
    }

    /** Moves the simulator's clock forward, so that tokens expire without waiting. */
    public void advanceTime(Duration duration) {
        state.advance(Objects.requireNonNull(duration, "duration"));
    }

    /** The simulator's clock: the real time plus every {@link #advanceTime}. */
    public Instant now() {
        return state.now();
    }

    /** Invalidates every token issued so far: the next call with one gets 401. */
    public void expireTokens() {
        state.expireTokens();
    }

}
