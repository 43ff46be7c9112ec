package io.qiao.testkit.jushuitan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;

/**
 * One record the simulator serves, with the fields it filters on. {@code json} is what goes on the wire;
 * treat it as read-only.
 *
 * @param id       io_id, o_id, or a row number for lists without ids
 * @param modified Shanghai local time, whole seconds
 * @param ioDate   the document date (io_date, order_date), or null
 */
public record SimDocument(long id, LocalDateTime modified, LocalDateTime ioDate, String type, String status,
                          String soId, long wmsCoId, ObjectNode json) {
}
