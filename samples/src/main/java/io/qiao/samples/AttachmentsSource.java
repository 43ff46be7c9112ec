package io.qiao.samples;

import io.qiao.samples.DbDocumentsToArchive.Document;
import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.SyncException;
import io.qiao.sync.Window;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Adds each document's attachments to the documents a {@link io.qiao.sync.jdbc.JdbcSource} reads: one connection
 * per window, one indexed query per document. Windows, positions and page counts are the wrapped source's.
 */
final class AttachmentsSource implements Source<Document> {
    private final Source<Document> documents;
    private final DataSource db;

    AttachmentsSource(Source<Document> documents, DataSource db) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Position initialPosition(Clock clock) {
        return documents.initialPosition(clock);
    }

    @Override
    public Iterator<Window<Document>> windows(Position from, Clock clock) {
        Iterator<Window<Document>> inner = documents.windows(from, clock);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Window<Document> next() {
                return withAttachments(inner.next());
            }
        };
    }

    private Window<Document> withAttachments(Window<Document> w) {
        return new Window<>() {
            @Override
            public String describe() {
                return w.describe();
            }

            @Override
            public Position endPosition() {
                return w.endPosition();
            }

            @Override
            public long pagesFetched() {
                return w.pagesFetched();
            }

            /**
             * The inner window's: {@link #records()} yields one document for each of its rows, in its order, so its
             * position after the index-th row is this window's too. Without it the engine could commit pipeline 3
             * only at the end of each window.
             */
            @Override
            public Position positionAfter(Document record, long index) {
                return w.positionAfter(record, index);
            }

            @Override
            public Iterator<Document> records() {
                List<Document> out = new ArrayList<>();
                Iterator<Document> it = w.records();
                try (Connection c = db.getConnection()) {
                    while (it.hasNext()) {
                        Document d = it.next();
                        out.add(new Document(d.id(), d.archiveNo(), d.title(), d.author(), d.docDate(),
                                d.retentionPeriod(), d.securityLevel(), d.archiveDept(), d.archiveTime(),
                                d.archivePerson(), d.updatedAt(), DbDocumentsToArchive.attachments(c, d.id())));
                    }
                } catch (SQLException e) {
                    throw new SyncException("cannot read the attachments of window " + w.describe() + ": "
                            + e.getMessage(), e);
                }
                return out.iterator();
            }
        };
    }
}
