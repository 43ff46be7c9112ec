package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.PagedIterable;
import io.qiao.client.spi.AnyEndpointPaging;
import io.qiao.client.spi.WindowedPager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KIS's paging convention on the shared {@link WindowedPager}: {@code CurrentPage} from 1 and {@code ItemsOfPage},
 * sent as strings as the public callers do, the rows in {@code data.List} (or another row array), the end at
 * {@code TotalPages} or, when the answer has none, at a short page.
 */
public final class KisPaging {
    /** The page size of {@code pages(...)} unless the caller sets {@code ItemsOfPage}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private KisPaging() {
    }

    /** Whether more pages follow page {@code page} of {@code data}, which held {@code rows} rows. */
    public static boolean hasNext(JsonNode data, int page, int rows, int pageSize) {
        int total = BillCodec.totalPages(data);
        return total >= 0 ? page < total : rows >= pageSize && rows > 0;
    }

    /** Any list API ({@code KisClient.pages}): POSTs {@code body} with the paging fields, the rows as JSON. */
    public static PagedIterable<JsonNode> any(KisHttp http, String path, Map<String, ?> body) {
        Map<String, Object> fields = AnyEndpointPaging.params(path, body, List.of("CurrentPage"));
        int pageSize = AnyEndpointPaging.pageSize(path, "ItemsOfPage", fields.remove("ItemsOfPage"), DEFAULT_PAGE_SIZE);
        return WindowedPager.<JsonNode>builder(path, (window, page, cursor) -> {
            Map<String, Object> request = new LinkedHashMap<>(fields);
            request.put("CurrentPage", Integer.toString(page));
            request.put("ItemsOfPage", Integer.toString(pageSize));
            JsonNode data = http.execute(http.post(path, path, Map.of(), request).idempotent(true).build());
            List<JsonNode> rows = BillCodec.rows(data);
            return WindowedPager.Batch.of(rows, hasNext(data, page, rows.size(), pageSize));
        }).guard(http.pagingGuard()).firstPage(1).moreSignal("TotalPages beyond this page").build();
    }
}
