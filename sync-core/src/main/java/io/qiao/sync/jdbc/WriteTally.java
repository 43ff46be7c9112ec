package io.qiao.sync.jdbc;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.WriteResult;
import java.util.List;

/**
 * What committed upsert statements did to rows, by kind; rows the database's answer did not classify are counted
 * in {@link #rows} only. Mutable and confined to one write call.
 */
final class WriteTally {
    int rows;
    int created;
    int updated;
    int unchanged;

    static WriteTally of(int rows, int created, int updated, int unchanged) {
        WriteTally t = new WriteTally();
        t.rows = rows;
        t.created = created;
        t.updated = updated;
        t.unchanged = unchanged;
        return t;
    }

    /** Rows written whose kind the database's answer does not tell. */
    static WriteTally unknown(int rows) {
        return of(rows, 0, 0, 0);
    }

    void add(WriteTally other) {
        rows += other.rows;
        created += other.created;
        updated += other.updated;
        unchanged += other.unchanged;
    }

    /**
     * The result of a call given {@code records} records: records collapsed into a later one of the same key
     * never reached the database as rows; their key is there all the same, so they count as already present.
     */
    <T> WriteResult<T> result(int records, List<Rejection<T>> rejected) {
        int written = records - rejected.size();
        int collapsed = written - rows;
        if (collapsed < 0) {
            return new WriteResult<>(written, rejected);
        }
        return new WriteResult<>(written, rejected, created, updated, unchanged + collapsed);
    }
}
