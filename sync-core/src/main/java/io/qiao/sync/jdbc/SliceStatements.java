package io.qiao.sync.jdbc;

/** The statements of {@link SliceTable}, built once per table from the database's dialect. */
final class SliceStatements {
    /** How many claimable slices the H2 claim looks at in one go (see {@link SliceTable}). */
    private static final int CANDIDATES = 16;

    /** A slice's {@code state} column. */
    enum State { PENDING, CLAIMED, DONE, FAILED }

    final SqlNames names;
    final String overlapping;
    final String insert;
    final String lockNext;
    final String candidates;
    final String claim;
    final String attempts;
    final String renew;
    final String finish;
    final String states;

    SliceStatements(SqlNames n, String table) {
        this.names = n;
        String t = n.quote(table);
        String job = n.quote("job");
        String start = n.quote("slice_start");
        String end = n.quote("slice_end");
        String state = n.quote("state");
        String attemptsCol = n.quote("attempts");
        String owner = n.quote("owner");
        String claimUntil = n.quote("claim_until");
        String lastError = n.quote("last_error");
        String updatedAt = n.quote("updated_at");
        // parameters: job, maxAttempts, failed before (now - retryDelay), now
        String claimable = job + " = ? AND (" + state + " = '" + State.PENDING + "' OR (" + attemptsCol
                + " < ? AND ((" + state + " = '" + State.FAILED + "' AND " + updatedAt + " <= ?) OR (" + state
                + " = '" + State.CLAIMED + "' AND " + claimUntil + " <= ?))))";
        String pick = "SELECT " + start + ", " + end + ", " + attemptsCol + " FROM " + t + " WHERE " + claimable
                + " ORDER BY " + start;
        overlapping = "SELECT " + start + ", " + end + " FROM " + t + " WHERE " + job + " = ? AND " + start
                + " < ? AND " + end + " > ?";
        insert = "INSERT INTO " + t + " (" + job + ", " + start + ", " + end + ", " + state + ", " + attemptsCol
                + ", " + updatedAt + ") VALUES (?, ?, ?, '" + State.PENDING + "', 0, ?)";
        lockNext = pick + " LIMIT 1 FOR UPDATE SKIP LOCKED";
        candidates = pick + " LIMIT " + CANDIDATES;
        claim = "UPDATE " + t + " SET " + state + " = '" + State.CLAIMED + "', " + owner + " = ?, " + claimUntil
                + " = ?, " + attemptsCol + " = " + attemptsCol + " + 1, " + updatedAt + " = ? WHERE " + start
                + " = ? AND " + claimable;
        attempts = "SELECT " + attemptsCol + " FROM " + t + " WHERE " + job + " = ? AND " + start + " = ?";
        String ours = " WHERE " + job + " = ? AND " + start + " = ? AND " + owner + " = ? AND " + state + " = '"
                + State.CLAIMED + "'";
        renew = "UPDATE " + t + " SET " + claimUntil + " = ?" + ours;
        finish = "UPDATE " + t + " SET " + state + " = ?, " + lastError + " = ?, " + updatedAt + " = ?, " + owner
                + " = NULL, " + claimUntil + " = NULL" + ours;
        states = "SELECT " + state + ", " + attemptsCol + ", " + claimUntil + " FROM " + t + " WHERE " + job
                + " = ?";
    }
}
