package io.qiao.kis.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A KIS material (物料), the reference data a stock line points at through FItemID.
 *
 * <p><b>[INFER]</b> The Material/List row shape is not documented (VENDORS.md 3.4). The typed properties are read
 * from the usual K3/KIS names ({@code FItemID}, {@code FNumber}, {@code FName}, {@code FModel}, {@code FUnitID}),
 * accepting numbers or strings, and every field of the row stays in {@link #fields()} so that a lookup can key on
 * any of them (the old integration matched Jushuitan {@code sku_id} against a custom field {@code F_103}).
 *
 * @param itemId FItemID, the internal id (0 if the row had none)
 * @param number FNumber, the material code
 * @param name   FName
 * @param model  FModel (规格型号), or null
 * @param unitId FUnitID, the base unit, or null
 * @param fields every field of the row, as text
 */
public record Material(long itemId, String number, String name, String model, String unitId,
                       Map<String, String> fields) {
    public Material {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Any field of the row by its vendor name, e.g. {@code field("F_103")}. */
    public Optional<String> field(String vendorName) {
        return Optional.ofNullable(fields.get(vendorName));
    }
}
