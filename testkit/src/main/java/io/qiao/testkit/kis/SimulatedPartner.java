package io.qiao.testkit.kis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer (客户, {@code Customer/List}) or supplier (供应商, {@code Vendor/List}) of the simulator's base data,
 * answered in the row shape a public PHP client (holt/kindee-kis) shows for base-data lists: {@code FItemID},
 * {@code FNumber}, {@code FName}, {@code FFullNumber}, {@code FParentID}, {@code FDetail}.
 *
 * @param itemId FItemID, what a bill's {@code FSupplyID} holds
 * @param number FNumber, the code
 * @param name   FName
 */
public record SimulatedPartner(long itemId, String number, String name) {
    /** FItemID as the decimal text a bill's FSupplyID carries. */
    public String id() {
        return Long.toString(itemId);
    }

    Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("FItemID", itemId);
        r.put("FNumber", number);
        r.put("FName", name);
        r.put("FFullNumber", number);
        r.put("FParentID", 0);
        r.put("FDetail", true);
        return r;
    }
}
