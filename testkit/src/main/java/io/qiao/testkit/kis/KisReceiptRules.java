package io.qiao.testkit.kis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks a 其他入库单 must pass before the simulator stores it, with KIS-style descriptions (VENDORS.md 3):
 * apart from {@link KisHandler} because they are the vendor's rules, not HTTP handling.
 */
final class KisReceiptRules {
    private KisReceiptRules() {
    }

    /**
     * Fdate as KIS takes it: a date, or a date-time with a 'T' (what the old QEasy integration sent, seeds/001) or a
     * space. Anything else is refused, so a client sending another shape is caught here.
     */
    private static final Pattern FDATE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}:\\d{2})?");

    /** Every problem of the receipt, in the order KIS reports them; empty if it may be stored. */
    static List<String> validate(JsonNode head, JsonNode entries, KisState state) {
        return validate(head, entries, state, 10, "其他入库单");
    }

    /** The same checks for a stock bill of another type (其他出库单: FTranType 29). */
    static List<String> validate(JsonNode head, JsonNode entries, KisState state, int tranType, String billName) {
        List<String> p = new ArrayList<>();
        if (!head.isObject()) {
            p.add("缺少单据头(Head)");
            return p;
        }
        if (blank(head.get("Fdate"))) p.add("单据头：日期(Fdate)不能为空");
        else if (!FDATE.matcher(head.get("Fdate").asText()).matches()) {
            p.add("单据头：日期(Fdate)[" + head.get("Fdate").asText() + "]格式不正确");
        }
        if (blank(head.get("FTranType"))) p.add("单据头：单据类型(FTranType)不能为空");
        else if (head.get("FTranType").asInt() != tranType) {
            p.add("单据头：" + billName + "的单据类型(FTranType)必须为" + tranType);
        }
        if (!entries.isArray() || entries.isEmpty()) {
            p.add("单据体(Entry)至少需要一行分录");
            return p;
        }
        int line = 0;
        for (JsonNode e : entries) {
            line++;
            String at = "第" + line + "行分录：";
            if (blank(e.get("FItemID"))) p.add(at + "物料代码(FItemID)不能为空");
            else if (state.findMaterial(e.get("FItemID").asText()) == null) {
                p.add(at + "物料代码(FItemID)[" + e.get("FItemID").asText() + "]在系统中不存在");
            }
            if (blank(e.get("FUnitID"))) p.add(at + "单位(FUnitID)不能为空");
            positive(p, at, e, "FQty", "实收数量");
            positive(p, at, e, "Fauxqty", "数量");
            positive(p, at, e, "FAuxQtyMust", "应收数量");
            if (blank(e.get("FPlanMode"))) p.add(at + "计划模式(FPlanMode)不能为空");
            if (blank(e.get("FDCStockID")) && blank(head.get("FDCStockID"))) p.add(at + "收货仓库(FDCStockID)不能为空");
        }
        return p;
    }

    private static void positive(List<String> p, String at, JsonNode e, String field, String label) {
        JsonNode v = e.get(field);
        if (blank(v)) {
            p.add(at + label + "(" + field + ")不能为空");
            return;
        }
        try {
            if (new BigDecimal(v.asText().trim()).signum() <= 0) p.add(at + label + "(" + field + ")必须大于0");
        } catch (NumberFormatException ex) {
            p.add(at + label + "(" + field + ")不是有效的数字: " + v.asText());
        }
    }

    private static boolean blank(JsonNode n) {
        return n == null || n.isNull() || n.asText().isBlank();
    }
}
