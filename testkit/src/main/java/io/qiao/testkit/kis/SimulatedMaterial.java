package io.qiao.testkit.kis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A material in the simulator's catalogue. {@link #row()} is what Material/List returns for it: {@code FItemID},
 * {@code FNumber}, {@code FName}, {@code FUnitID} and any extra fields it was seeded with.
 */
public record SimulatedMaterial(long itemId, String number, String name, String unitId, Map<String, Object> extra) {
    public SimulatedMaterial {
        extra = Map.copyOf(extra);
    }

    public Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("FItemID", itemId);
        r.put("FNumber", number);
        r.put("FName", name);
        r.put("FUnitID", unitId);
        r.putAll(extra);
        return r;
    }
}
