package io.qiao.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.internal.KisPaging;
import io.qiao.kis.model.Partner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Customers ({@code /koas/APP006992/api/Customer/List}) or suppliers ({@code /koas/APP006992/api/Vendor/List}): the
 * partners a 销售出库单's or 采购入库单's {@code FSupplyID} names. Both lists are called by public clients (a ruiapp
 * MES syncs them; a PHP client, holt/kindee-kis, sends {@code CurrentPage}, {@code ItemsOfPage}, {@code ParentId},
 * {@code Detail}, {@code SearchKey}, {@code Ids}, {@code StartDate}, {@code EndDate}).
 *
 * <p><b>[INFER]</b> What {@code SearchKey} matches is not documented: a lookup by code or name sends it and then
 * keeps only the rows whose {@code FNumber} (or {@code FName}) is exactly the one asked for, so a server that matches
 * more loosely, or ignores it, costs pages but never returns the wrong partner.
 */
public final class Partners {
    private static final int PAGE_SIZE = 100;

    private final KisHttp http;
    private final BillCodec codec;
    private final String operation;
    private final String path;

    Partners(KisHttp http, BillCodec codec, String app, String object) {
        this.http = http;
        this.codec = codec;
        this.operation = object + "/List";
        this.path = "/koas/" + app + "/api/" + object + "/List";
    }

    /** Every partner whose code or name the server matches to {@code searchKey} (null or blank: all), lazily. */
    public PagedIterable<Partner> list(String searchKey) {
        return PagedIterable.of(operation, token -> {
            int page = token == null ? 1 : Integer.parseInt(token);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("CurrentPage", Integer.toString(page));
            body.put("ItemsOfPage", Integer.toString(PAGE_SIZE));
            body.put("Detail", true);
            if (searchKey != null && !searchKey.isBlank()) body.put("SearchKey", searchKey);
            JsonNode data = http.execute(http.post(operation, path, Map.of(), body).idempotent(true).build());
            List<Partner> rows = BillCodec.rows(data).stream().map(codec::partner).toList();
            return Page.of(rows, KisPaging.hasNext(data, page, rows.size(), PAGE_SIZE)
                    ? Integer.toString(page + 1) : null);
        }).guardedBy(http.pagingGuard()).withMoreSignal("TotalPages beyond this page");
    }

    /** The partner whose FNumber (code) is exactly {@code number}, if any. */
    public Optional<Partner> findByNumber(String number) {
        requireText(number, "number");
        return list(number).stream().filter(p -> number.equals(p.number())).findFirst();
    }

    /** The partner whose FName is exactly {@code name}, if any (the first when several share it). */
    public Optional<Partner> findByName(String name) {
        requireText(name, "name");
        return list(name).stream().filter(p -> name.equals(p.name())).findFirst();
    }

    private static void requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
