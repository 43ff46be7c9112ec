package io.qiao.kis.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the 其他入库单 list. The list API's row shape is not documented (VENDORS.md 3.4); the typed properties
 * are read leniently (numbers or strings) and every field the row had stays in {@link #fields()}.
 *
 * @param id     FID (0 when the row did not carry it)
 * @param billNo FBillNo
 * @param date   Fdate, or null when absent or unreadable
 * @param fields every field of the row, as text
 */
public record MiscellaneousReceiptSummary(long id, String billNo, LocalDate date, Map<String, String> fields) {
    public MiscellaneousReceiptSummary {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<String> field(String vendorName) {
        return Optional.ofNullable(fields.get(vendorName));
    }
}
