package io.qiao.jushuitan;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.OtherInOutRequest;
import io.qiao.jushuitan.model.OtherInOutUploadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** 其它出入库: {@code client.otherInOuts()}. */
public final class OtherInOuts {
    static final String QUERY = "/open/other/inout/query";
    static final String UPLOAD = "/open/jushuitan/otherinout/upload";

    private final BizCaller caller;

    OtherInOuts(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The documents matching {@code query}, lazily: one request per page of up to 50, the time range split
     * into seven-day windows, each document once even when it sits exactly on a window boundary.
     */
    public PagedIterable<OtherInOut> list(OtherInOutQuery query) {
        return JstPaging.list(caller, QUERY, "datas", OtherInOut.class,
                query.dateType() == OtherInOutQuery.DateType.IO_DATE ? OtherInOut::ioDate : OtherInOut::modified,
                biz(query), JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()), query.maxWindow(), query.pageSize());
    }

    /**
     * Creates the document, or returns the one already created with the same {@code external_id}: the
     * vendor de-duplicates by it, so a retried upload (after a timeout, say) does not create a second one.
     */
    public OtherInOutUploadResult create(OtherInOutRequest request) {
        Objects.requireNonNull(request, "request");
        JsonNode data = caller.call(UPLOAD, biz(request), true);
        // The answer nests the result twice: data.data.{external_id, io_id}.
        JsonNode result = data.has("data") ? data.get("data") : data;
        if (!result.path("io_id").canConvertToLong()) {
            throw new DecodeException(UPLOAD, "the answer has no data.data.io_id", "", null);
        }
        return new OtherInOutUploadResult(result.path("external_id").asText(request.externalId()),
                result.get("io_id").asLong());
    }

    /**
     * The old verb.
     *
     * @deprecated every client creates with {@code create}; use {@link #create(OtherInOutRequest)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public OtherInOutUploadResult upload(OtherInOutRequest upload) {
        return create(upload);
    }

    /** The query's filters as sent (snake_case), without paging and time fields. */
    private static Map<String, Object> biz(OtherInOutQuery query) {
        Map<String, Object> biz = new LinkedHashMap<>();
        if (!query.types().isEmpty()) biz.put("types", query.types());
        if (query.status() != null) biz.put("status", query.status());
        if (query.dateType() != OtherInOutQuery.DateType.MODIFIED) biz.put("date_type", query.dateType().code());
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        if (!query.ioIds().isEmpty()) biz.put("io_ids", query.ioIds().stream().map(String::valueOf).toList());
        if (query.wmsCoId() != null) biz.put("wms_co_id", query.wmsCoId());
        return biz;
    }

    /** The upload as sent (snake_case). */
    private static Map<String, Object> biz(OtherInOutRequest request) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("external_id", request.externalId());
        biz.put("type", request.direction() == OtherInOutRequest.Direction.IN ? "in" : "out");
        biz.put("warehouse", request.warehouse());
        biz.put("is_confirm", request.confirm());
        if (request.wmsCoId() != null) biz.put("wms_co_id", request.wmsCoId());
        biz.put("remark", request.remark());
        if (request.drpCoName() != null) biz.put("drp_co_name", request.drpCoName());
        if (!request.labels().isEmpty()) biz.put("labels", request.labels());
        List<Map<String, Object>> items = new ArrayList<>();
        for (OtherInOutRequest.Item i : request.items()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku_id", i.skuId());
            line.put("qty", i.qty());
            if (i.batchId() != null) line.put("batch_id", i.batchId());
            if (i.producedDate() != null) line.put("produced_date", i.producedDate().toString());
            if (i.expirationDate() != null) line.put("expiration_date", i.expirationDate().toString());
            if (i.supplierId() != null) line.put("supplier_id", i.supplierId());
            if (i.salePrice() != null) line.put("sale_price", i.salePrice());
            if (!i.skuSns().isEmpty()) line.put("sku_sns", i.skuSns());
            if (i.remark() != null) line.put("remark", i.remark());
            items.add(line);
        }
        biz.put("items", items);
        return biz;
    }
}
