package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.MiscellaneousReceiptSummary;
import io.qiao.kis.model.Partner;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes bills in the koas shape {@code {"Object":{"Head":{…},"Entry":[…]}}} with the exact vendor field names, and
 * reads bills, list rows and materials back leniently (numbers or strings, {@code yyyy-MM-dd} or a date-time).
 */
public final class BillCodec {
    private static final Set<String> ROW_ARRAYS = Set.of("List", "list", "Rows", "rows", "Data", "data", "Items", "items");

    private final ObjectMapper mapper;

    public BillCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode createBody(MiscellaneousReceipt bill) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode object = root.putObject("Object");
        ObjectNode head = object.putObject("Head");
        head.put("FBillNo", bill.hasBillNo() ? bill.billNo() : "");
        head.put("Fdate", bill.fdate());
        head.put("FTranType", bill.tranType());
        putIfSet(head, "FDeptID", bill.deptId());
        putIfSet(head, "FSupplyID", bill.supplierId());
        putIfSet(head, "FBillerID", bill.billerId());
        putIfSet(head, "FDCStockID", bill.warehouseId());
        putIfSet(head, "Fnote", bill.note());
        putExtra(head, bill.extra());
        ArrayNode entries = object.putArray("Entry");
        for (MiscellaneousReceiptEntry e : bill.entries()) {
            ObjectNode n = entries.addObject();
            n.put("FItemID", e.itemId());
            n.put("FUnitID", e.unitId());
            n.put("FQty", e.qty());
            n.put("Fauxqty", e.auxQty());
            n.put("FAuxQtyMust", e.auxQtyMust());
            n.put("FPlanMode", e.planMode());
            if (e.auxPrice() != null) n.put("FAuxPrice", e.auxPrice());
            if (e.amount() != null) n.put("Famount", e.amount());
            // KIS receives per line; a line without its own warehouse gets the head's.
            putIfSet(n, "FDCStockID", e.warehouseId() != null ? e.warehouseId() : bill.warehouseId());
            putIfSet(n, "FBatchNo", e.batchNo());
            putIfSet(n, "Fnote", e.note());
            putExtra(n, e.extra());
        }
        return root;
    }

    /** Reads a bill from a getdetail answer: {@code {Head, Entry}}, {@code {Object:{Head, Entry}}} or a flat head. */
    public MiscellaneousReceipt readBill(JsonNode data) {
        JsonNode root = data.has("Object") ? data.get("Object") : data;
        JsonNode head = root.has("Head") ? root.get("Head") : root;
        MiscellaneousReceipt.Builder b = MiscellaneousReceipt.builder()
                .billNo(text(head, "FBillNo"))
                .tranType(head.hasNonNull("FTranType") ? head.get("FTranType").asInt() : null)
                .deptId(text(head, "FDeptID"))
                .supplierId(text(head, "FSupplyID"))
                .billerId(text(head, "FBillerID"))
                .warehouseId(text(head, "FDCStockID"))
                .note(text(head, "Fnote"));
        readDate(b, text(head, "Fdate"));
        for (JsonNode e : root.path("Entry")) {
            b.entry(MiscellaneousReceiptEntry.builder()
                    .itemId(text(e, "FItemID"))
                    .unitId(text(e, "FUnitID"))
                    .qty(decimal(e, "FQty"))
                    .auxQty(decimal(e, "Fauxqty"))
                    .auxQtyMust(decimal(e, "FAuxQtyMust"))
                    .planMode(e.hasNonNull("FPlanMode") ? e.get("FPlanMode").asInt() : null)
                    .auxPrice(decimal(e, "FAuxPrice"))
                    .amount(decimal(e, "Famount"))
                    .warehouseId(text(e, "FDCStockID"))
                    .batchNo(text(e, "FBatchNo"))
                    .note(text(e, "Fnote"))
                    .build());
        }
        return b.build();
    }

    public long id(JsonNode n) {
        JsonNode head = n.has("Head") ? n.get("Head") : n;
        for (String name : new String[] {"FID", "FInterID", "Id", "id"}) {
            JsonNode v = head.get(name);
            if (v != null && !v.isNull()) {
                try {
                    return v.isTextual() ? Long.parseLong(v.asText().trim()) : v.asLong();
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    public MiscellaneousReceiptSummary summary(JsonNode row) {
        JsonNode head = row.has("Head") ? row.get("Head") : row;
        return new MiscellaneousReceiptSummary(id(row), text(head, "FBillNo"), date(text(head, "Fdate")), fields(head));
    }

    public Material material(JsonNode row) {
        Map<String, String> f = fields(row);
        long id = 0;
        String raw = f.getOrDefault("FItemID", f.get("FMaterialID"));
        if (raw != null) {
            try {
                id = Long.parseLong(raw.trim());
            } catch (NumberFormatException ignored) {
                // a code rather than an id: keep it in fields
            }
        }
        return new Material(id, f.get("FNumber"), f.get("FName"), f.get("FModel"), f.get("FUnitID"), f);
    }

    public Partner partner(JsonNode row) {
        Map<String, String> f = fields(row);
        long id = 0;
        String raw = f.get("FItemID");
        if (raw != null) {
            try {
                id = Long.parseLong(raw.trim());
            } catch (NumberFormatException ignored) {
                // kept in fields
            }
        }
        return new Partner(id, f.get("FNumber"), f.get("FName"), f);
    }

    /** The rows of a list answer, wherever the vendor put them. */
    public static List<JsonNode> rows(JsonNode data) {
        List<JsonNode> out = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(out::add);
            return out;
        }
        for (String name : ROW_ARRAYS) {
            JsonNode n = data.get(name);
            if (n != null && n.isArray()) {
                n.forEach(out::add);
                return out;
            }
        }
        return out;
    }

    /** TotalPages as a number, or -1 when absent. */
    public static int totalPages(JsonNode data) {
        JsonNode n = data.get("TotalPages");
        if (n == null || n.isNull()) return -1;
        try {
            return n.isTextual() ? Integer.parseInt(n.asText().trim()) : n.asInt();
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> fields(JsonNode row) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : row.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            f.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
        }
        return f;
    }

    private void putExtra(ObjectNode node, Map<String, Object> extra) {
        extra.forEach((k, v) -> node.set(k, mapper.valueToTree(v)));
    }

    private static void putIfSet(ObjectNode n, String name, String value) {
        if (value != null) n.put(name, value);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return v.decimalValue();
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Sets Fdate of a stored bill: with its time when KIS gave one ({@code yyyy-MM-dd'T'HH:mm:ss}, or a space
     * instead of the 'T'), date-only otherwise; left unset when unreadable.
     */
    static void readDate(MiscellaneousReceipt.Builder b, String s) {
        LocalDate day = date(s);
        if (day == null) return;
        if (s.length() >= 19) {
            try {
                b.date(day.atTime(LocalTime.parse(s.substring(11, 19))));
                return;
            } catch (DateTimeParseException e) {
                // a date followed by something else: keep the date
            }
        }
        b.date(day);
    }

    static LocalDate date(String s) {
        if (s == null || s.length() < 10) return null;
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
