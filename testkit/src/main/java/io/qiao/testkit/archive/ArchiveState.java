package io.qiao.testkit.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The simulator's memory: tokens, records, files, counters and the simulated clock. All methods are atomic. */
final class ArchiveState {
    final String appKey;
    final String appSecret;
    final Duration tokenLifetime;
    final boolean uniqueArchiveNo;
    final boolean listFilesInQuery;
    final boolean filterByArchiveNo;
    final int maxPageSize;

    private final Map<String, Instant> tokens = new HashMap<>();
    private final Map<Long, MutableRecord> records = new LinkedHashMap<>();
    private final Map<ArchiveFaults.Operation, Integer> counts = new EnumMap<>(ArchiveFaults.Operation.class);
    private Duration offset = Duration.ZERO;
    private long nextArchiveId = 1001;
    private long nextFileId = 1;
    private int tokensIssued;

    private static final class MutableRecord {
        final long archiveId;
        final String archiveNo;
        final Map<String, Object> metadata;
        final List<SimulatedFile> files = new ArrayList<>();

        MutableRecord(long archiveId, String archiveNo, Map<String, Object> metadata) {
            this.archiveId = archiveId;
            this.archiveNo = archiveNo;
            this.metadata = metadata;
        }

        SimulatedRecord snapshot() {
            return new SimulatedRecord(archiveId, archiveNo, metadata, files);
        }
    }

    ArchiveState(String appKey, String appSecret, Duration tokenLifetime, boolean uniqueArchiveNo,
                 boolean listFilesInQuery, boolean filterByArchiveNo, int maxPageSize) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.tokenLifetime = tokenLifetime;
        this.uniqueArchiveNo = uniqueArchiveNo;
        this.listFilesInQuery = listFilesInQuery;
        this.filterByArchiveNo = filterByArchiveNo;
        this.maxPageSize = maxPageSize;
    }

    synchronized Instant now() {
        return Instant.now().plus(offset);
    }

    synchronized void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Counts a request and returns its number within its operation (1 for the first). */
    synchronized int count(ArchiveFaults.Operation op, boolean increment) {
        int n = counts.getOrDefault(op, 0) + (increment ? 1 : 0);
        counts.put(op, n);
        return n;
    }

    synchronized int count(ArchiveFaults.Operation op) {
        return counts.getOrDefault(op, 0);
    }

    synchronized String issueToken() {
        String token = UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, now().plus(tokenLifetime));
        tokensIssued++;
        return token;
    }

    synchronized java.util.List<String> tokens() {
        return java.util.List.copyOf(tokens.keySet());
    }

    synchronized int tokensIssued() {
        return tokensIssued;
    }

    enum TokenStatus { VALID, UNKNOWN, EXPIRED }

    synchronized TokenStatus check(String token) {
        Instant expiry = tokens.get(token);
        if (expiry == null) {
            return TokenStatus.UNKNOWN;
        }
        return now().isBefore(expiry) ? TokenStatus.VALID : TokenStatus.EXPIRED;
    }

    synchronized void expireTokens() {
        Instant past = now().minusSeconds(1);
        tokens.replaceAll((t, e) -> past);
    }

    /** The archiveId of an existing record with this archiveNo, or -1. */
    synchronized long findArchiveNo(String archiveNo) {
        return records.values().stream().filter(r -> r.archiveNo.equals(archiveNo)).mapToLong(r -> r.archiveId)
                .findFirst().orElse(-1);
    }

    /** Creates the record; returns its id, or -(existing id) when the archiveNo is taken and must be unique. */
    synchronized long create(String archiveNo, Map<String, Object> metadata) {
        long existing = findArchiveNo(archiveNo);
        if (existing > 0 && uniqueArchiveNo) {
            return -existing;
        }
        long id = nextArchiveId++;
        records.put(id, new MutableRecord(id, archiveNo, new LinkedHashMap<>(metadata)));
        return id;
    }

    synchronized long seed(Map<String, Object> metadata) {
        Object no = metadata.get("archiveNo");
        if (no == null) {
            throw new IllegalArgumentException("a seeded record needs an archiveNo");
        }
        long id = nextArchiveId++;
        records.put(id, new MutableRecord(id, no.toString(), new LinkedHashMap<>(metadata)));
        return id;
    }

    synchronized boolean exists(long archiveId) {
        return records.containsKey(archiveId);
    }

    synchronized SimulatedFile addFile(long archiveId, String fileName, String contentType, long size, String sha256,
                                       String format, Integer scanResolution) {
        SimulatedFile f = new SimulatedFile(nextFileId++, archiveId, fileName, contentType, size, sha256, format,
                scanResolution);
        records.get(archiveId).files.add(f);
        return f;
    }

    synchronized List<SimulatedRecord> records() {
        return records.values().stream().map(MutableRecord::snapshot).toList();
    }

    synchronized void reset() {
        tokens.clear();
        records.clear();
        counts.clear();
        offset = Duration.ZERO;
        nextArchiveId = 1001;
        nextFileId = 1;
        tokensIssued = 0;
    }
}
