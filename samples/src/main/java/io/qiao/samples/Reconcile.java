package io.qiao.samples;

import io.qiao.archive.MetadataValidator;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.client.Json;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutItem;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptDetail;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import io.qiao.samples.DbDocumentsToArchive.Document;
import io.qiao.samples.JackyunWarehousesToMysql.WarehouseRow;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.jdbc.SqlIdentifiers;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code qiao reconcile}: reads what the source changed in {@code [from, to)} and compares each record with what the
 * target holds, listing every record that is missing or differs (and whether it is an open dead letter, which
 * explains most gaps). Read-only on both sides.
 */
final class Reconcile {
    private final Workspace ws;
    private final PrintStream out;

    Reconcile(Workspace ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
    }

    /** A comparison: how many source records, and the differences found. */
    record Result(String pipeline, int compared, List<String> differences) {
        int matching() {
            return compared - differences.size();
        }
    }

    int run(String pipeline, Instant from, Instant to) throws SQLException {
        Workspace.checkPipeline(pipeline);
        if (!to.isAfter(from)) {
            throw new UsageException("--to " + to + " must be after --from " + from);
        }
        Result r = compare(pipeline, from, to);
        ws.notes.forEach(n -> out.println("note: " + n));
        print(r, from, to);
        return r.differences().isEmpty() ? Qiao.OK : Qiao.DEAD_LETTERS;
    }

    void print(Result r, Instant from, Instant to) {
        out.println(r.pipeline() + " [" + from + ", " + to + "): " + r.compared() + " source record(s), "
                + r.matching() + " match, " + r.differences().size() + " differ or are missing");
        r.differences().forEach(d -> out.println("  " + d));
    }

    Result compare(String pipeline, Instant from, Instant to) throws SQLException {
        return switch (pipeline) {
            case JackyunWarehousesToMysql.NAME -> warehouses(from, to);
            case JushuitanOtherInOutToKis.NAME -> otherInOut(from, to);
            default -> documents(from, to);
        };
    }

    private Result warehouses(Instant from, Instant to) throws SQLException {
        Map<String, WarehouseRow> target = new HashMap<>();
        try (Connection c = ws.database().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT warehouse_code, warehouse_name, warehouse_type, source_id, status FROM "
                        + SqlIdentifiers.quoteTable(c, "--warehouse-table", ws.warehouseTable()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                target.put(rs.getString(1), new WarehouseRow(rs.getString(1), rs.getString(2),
                        (Integer) rs.getObject(3, Integer.class), rs.getInt(4), rs.getInt(5), 0, null, null, null));
            }
        }
        Set<String> open = openKeys(JackyunWarehousesToMysql.NAME);
        List<String> diffs = new ArrayList<>();
        int n = 0;
        Clock clock = ws.clock;
        for (Warehouse w : ws.jackyun().warehouses().list(WarehouseQuery.modifiedBetween(from, to))) {
            n++;
            String label = "warehouse " + w.warehouseCode() + deadLetterNote(open, Long.toString(w.warehouseId()));
            WarehouseRow have = target.get(w.warehouseCode());
            if (have == null) {
                diffs.add(label + ": missing in " + ws.warehouseTable());
                continue;
            }
            WarehouseRow want;
            try {
                want = JackyunWarehousesToMysql.toRow(w, clock);
            } catch (RuntimeException e) {
                diffs.add(label + ": cannot be mapped (" + e.getMessage() + ")");
                continue;
            }
            List<String> fields = new ArrayList<>();
            field(fields, "warehouse_name", want.warehouseName(), have.warehouseName());
            field(fields, "warehouse_type", want.warehouseType(), have.warehouseType());
            field(fields, "source_id", want.sourceId(), have.sourceId());
            field(fields, "status", want.status(), have.status());
            if (!fields.isEmpty()) {
                diffs.add(label + ": " + String.join(", ", fields));
            }
        }
        return new Result(JackyunWarehousesToMysql.NAME, n, diffs);
    }

    private Result otherInOut(Instant from, Instant to) {
        OtherInOutFilter f = ws.otherInOutFilter();
        OtherInOutQuery.Builder q = OtherInOutQuery.builder().modifiedBetween(from, to);
        if (!f.types().isEmpty()) {
            q.types(f.types().toArray(String[]::new));
        }
        if (f.status() != null) {
            q.status(f.status());
        }
        Set<String> open = openKeys(JushuitanOtherInOutToKis.NAME);
        List<String> diffs = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int n = 0;
        for (OtherInOut doc : ws.jushuitan().otherInOuts().list(q.build())) {
            if (!seen.add(doc.ioId())) {
                continue; // a document on two pages of a shifting window
            }
            n++;
            String billNo = Long.toString(doc.ioId());
            String label = "io_id " + billNo + deadLetterNote(open, billNo);
            Optional<MiscellaneousReceiptSummary> summary = ws.kis().miscellaneousReceipts().findByBillNo(billNo);
            if (summary.isEmpty()) {
                diffs.add(label + ": no 其他入库单 with FBillNo " + billNo + " in KIS");
                continue;
            }
            Optional<MiscellaneousReceipt> bill = ws.kis().miscellaneousReceipts().get(summary.get().id()).map(MiscellaneousReceiptDetail::bill);
            if (bill.isEmpty()) {
                diffs.add(label + ": KIS lists FBillNo " + billNo + " but cannot return it");
                continue;
            }
            List<String> fields = new ArrayList<>();
            if (doc.ioDate() != null) {
                field(fields, "Fdate", doc.ioDate().toLocalDate(), bill.get().date());
            }
            field(fields, "Entry count", doc.items().size(), bill.get().entries().size());
            field(fields, "sum FQty", doc.items().stream().mapToLong(OtherInOutItem::qty).sum(),
                    bill.get().entries().stream().map(MiscellaneousReceiptEntry::qty).filter(Objects::nonNull)
                            .mapToLong(BigDecimal::longValue).sum());
            field(fields, "sum Famount", sum(doc.items().stream().map(OtherInOutItem::costAmount).toList()),
                    sum(bill.get().entries().stream().map(MiscellaneousReceiptEntry::amount).toList()));
            if (!fields.isEmpty()) {
                diffs.add(label + ": " + String.join(", ", fields));
            }
        }
        return new Result(JushuitanOtherInOutToKis.NAME, n, diffs);
    }

    private Result documents(Instant from, Instant to) throws SQLException {
        List<Document> docs = new ArrayList<>();
        try (Connection c = ws.database().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM documents WHERE updated_at >= ? AND updated_at < ? ORDER BY updated_at, id")) {
            ps.setTimestamp(1, Timestamp.valueOf(local(from)));
            ps.setTimestamp(2, Timestamp.valueOf(local(to)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Document d = DbDocumentsToArchive.read(rs);
                    docs.add(d);
                }
            }
            for (int i = 0; i < docs.size(); i++) {
                Document d = docs.get(i);
                docs.set(i, new Document(d.id(), d.archiveNo(), d.title(), d.author(), d.docDate(),
                        d.retentionPeriod(), d.securityLevel(), d.archiveDept(), d.archiveTime(), d.archivePerson(),
                        d.updatedAt(), DbDocumentsToArchive.attachments(c, d.id())));
            }
        }
        Set<String> open = openKeys(DbDocumentsToArchive.NAME);
        List<String> diffs = new ArrayList<>();
        for (Document d : docs) {
            String label = "document " + d.id() + " (" + d.archiveNo() + ")" + deadLetterNote(open, d.archiveNo());
            Optional<LocalDate> docDate = MetadataValidator.parseDate(d.docDate());
            if (d.archiveNo() == null || docDate.isEmpty()) {
                diffs.add(label + ": cannot be looked up in the archive system (archive_no '" + d.archiveNo()
                        + "', doc_date '" + d.docDate() + "')");
                continue;
            }
            Optional<ArchiveRecord> rec = ws.archive().archives().findByArchiveNo(d.archiveNo(), docDate.get());
            if (rec.isEmpty()) {
                diffs.add(label + ": missing in the archive system");
                continue;
            }
            List<String> fields = new ArrayList<>();
            field(fields, "title", d.title(), rec.get().title());
            field(fields, "author", d.author(), rec.get().author());
            if (!rec.get().files().isEmpty()) {
                field(fields, "files", d.attachments().size(), rec.get().files().size());
            }
            if (!fields.isEmpty()) {
                diffs.add(label + ": " + String.join(", ", fields));
            }
        }
        return new Result(DbDocumentsToArchive.NAME, docs.size(), diffs);
    }

    private Set<String> openKeys(String pipeline) {
        if (!ws.deadLettersStored(pipeline)) {
            return Set.of(); // no run has made the dead-letter table yet, and a reconcile does not make it
        }
        DeadLetterStore store = ws.deadLetters(pipeline);
        Set<String> keys = new HashSet<>();
        for (DeadLetter d : store.list(pipeline, false, Integer.MAX_VALUE)) {
            if (d.key() != null) {
                keys.add(d.key());
            }
        }
        return keys;
    }

    private static String deadLetterNote(Set<String> open, String key) {
        return open.contains(key) ? " [open dead letter]" : "";
    }

    private static void field(List<String> out, String name, Object source, Object target) {
        if (!Objects.equals(normal(source), normal(target))) {
            out.add(name + " '" + source + "' in the source, '" + target + "' in the target");
        }
    }

    private static Object normal(Object v) {
        return v instanceof BigDecimal b ? b.stripTrailingZeros() : v;
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, Json.SHANGHAI);
    }
}
