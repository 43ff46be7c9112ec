package io.qiao.testkit.kis;

import java.util.List;
import java.util.Map;

/**
 * A 其他入库单 the simulator stored, exactly as it was sent (JSON values as Jackson reads them into maps).
 *
 * @param id      the FID the simulator assigned
 * @param billNo  FBillNo (assigned by the simulator when the request left it blank)
 * @param head    the Head object
 * @param entries the Entry lines
 */
public record SimulatedBill(long id, String billNo, Map<String, Object> head, List<Map<String, Object>> entries) {
    public SimulatedBill {
        head = Map.copyOf(head);
        entries = entries.stream().map(Map::copyOf).toList();
    }
}
