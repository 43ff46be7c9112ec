package io.qiao.kis.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A customer (客户) or supplier (供应商) of the KIS base data, as {@code Customer/List} and {@code Vendor/List} rows
 * carry it. The row shape is that of a public PHP client's sample of a base-data list ({@code FItemID},
 * {@code FNumber}, {@code FName}, {@code FFullNumber}, {@code FParentID}, {@code FDetail}, {@code FModifyTime}...);
 * every field stays in {@link #fields()}.
 *
 * @param itemId FItemID, what a bill's {@code FSupplyID} takes (0 when the row had none)
 * @param number FNumber, the code
 * @param name   FName
 * @param fields every field of the row, as text
 */
public record Partner(long itemId, String number, String name, Map<String, String> fields) {
    public Partner {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** FItemID as the decimal text a bill head's {@code FSupplyID} is sent as. */
    public String id() {
        return Long.toString(itemId);
    }

    public Optional<String> field(String vendorName) {
        return Optional.ofNullable(fields.get(vendorName));
    }
}
