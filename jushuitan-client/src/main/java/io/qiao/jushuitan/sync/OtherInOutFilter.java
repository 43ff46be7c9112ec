package io.qiao.jushuitan.sync;

import io.qiao.jushuitan.model.OtherInOutQuery;
import java.util.List;
import java.util.Objects;

/**
 * Which other in/out documents an incremental sync reads; the time range is the source's business. Immutable:
 * each {@code with...} returns a new filter.
 *
 * @param types   document types (其它进仓, 其它出库, 其它退货); empty for all
 * @param status  Confirmed, WaitConfirm, ...; null for all
 * @param wmsCoId one warehouse (分仓), or null for all
 */
public record OtherInOutFilter(List<String> types, String status, Long wmsCoId) {
    public OtherInOutFilter {
        types = List.copyOf(Objects.requireNonNull(types, "types"));
    }

    /** Every document. */
    public static OtherInOutFilter all() {
        return new OtherInOutFilter(List.of(), null, null);
    }

    /** Confirmed (生效) documents of the given types: what an accounting system should receive. */
    public static OtherInOutFilter confirmed(String... types) {
        return new OtherInOutFilter(List.of(types), OtherInOutQuery.STATUS_CONFIRMED, null);
    }

    public OtherInOutFilter withTypes(String... types) {
        return new OtherInOutFilter(List.of(types), status, wmsCoId);
    }

    public OtherInOutFilter withStatus(String status) {
        return new OtherInOutFilter(types, status, wmsCoId);
    }

    public OtherInOutFilter withWmsCoId(long wmsCoId) {
        return new OtherInOutFilter(types, status, wmsCoId);
    }

    OtherInOutQuery.Builder applyTo(OtherInOutQuery.Builder query) {
        if (!types.isEmpty()) {
            query.types(types.toArray(String[]::new));
        }
        if (status != null) {
            query.status(status);
        }
        if (wmsCoId != null) {
            query.wmsCoId(wmsCoId);
        }
        return query;
    }
}
