package io.qiao.kis.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A KIS material (物料), the reference data a stock line points at through FItemID.
 *
 * <p>The Material/List row is not documented; public callers read {@code FItemID}, {@code FNumber}, {@code FName},
 * {@code FParentID} and {@code FDetail} from it (a ruiapp MES, and a row dumped in the comments of the PHP SDK
 * {@code Holt\KindeeKis}: also {@code FFullName}, {@code FFullNumber}, {@code FShortNumber}, {@code FItemClassID},
 * {@code FLevel}, {@code FModifyTime}, {@code UUID}). {@code FModel} and {@code FUnitID} are the usual K3/KIS names,
 * not seen in those rows: <b>[INFER]</b>. Numbers or strings are accepted, and every field of the row stays in
 * {@link #fields()} so that a lookup can key on any of them (the old integration matched Jushuitan {@code sku_id}
 * against a custom field {@code F_103}).
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
