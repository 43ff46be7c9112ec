package io.qiao.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.kis.internal.BillCodec;
import io.qiao.kis.internal.KisHttp;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MaterialQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Materials (物料), {@code /koas/APP006992/api/Material/List}: the reference data stock lines point at. */
public final class Materials {
    private final KisHttp http;
    private final BillCodec codec;
    private final String path;
    private final Clock clock;
    private final Duration catalogTtl;
    private final Duration missReload;
    private final Map<String, MaterialCatalog> catalogs = new ConcurrentHashMap<>();

    Materials(KisHttp http, BillCodec codec, String app, Clock clock, Duration catalogTtl, Duration missReload) {
        this.http = http;
        this.codec = codec;
        this.path = "/koas/" + app + "/api/Material/List";
        this.clock = clock;
        this.catalogTtl = catalogTtl;
        this.missReload = missReload;
    }

    /** Pages through the catalogue lazily ({@code CurrentPage}/{@code ItemsOfPage}, ends at {@code TotalPages}). */
    public PagedIterable<Material> list(MaterialQuery query) {
        Objects.requireNonNull(query, "query");
        return PagedIterable.of("Material/List", token -> {
            int page = token == null ? 1 : Integer.parseInt(token);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("CurrentPage", Integer.toString(page));
            body.put("ItemsOfPage", Integer.toString(query.pageSize()));
            if (query.keyword() != null) body.put("SearchKey", query.keyword());
            JsonNode data = http.execute(http.post("Material/List", path, Map.of(), body).idempotent(true).build());
            List<Material> rows = BillCodec.rows(data).stream().map(codec::material).toList();
            boolean next = MiscellaneousReceipts.hasNext(data, page, rows.size(), query.pageSize());
            return Page.of(rows, next ? Integer.toString(page + 1) : null);
        }).guardedBy(http.pagingGuard()).withMoreSignal("TotalPages beyond this page");
    }

    /** The cached catalogue keyed by {@code FNumber} (material code), the usual key for Jushuitan sku ids. */
    public MaterialCatalog catalogByNumber() {
        return catalog("FNumber");
    }

    /**
     * The cached catalogue keyed by any field of the material rows (e.g. a custom field holding the sku id).
     * One instance per field and client: every caller shares its cache.
     */
    public MaterialCatalog catalog(String field) {
        Objects.requireNonNull(field, "field");
        return catalogs.computeIfAbsent(field, f -> new MaterialCatalog(this, f, clock, catalogTtl, missReload));
    }
}
