package io.qiao.jushuitan;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.internal.JstWire;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.OtherInOutRequest;
import io.qiao.jushuitan.model.OtherInOutUploadResult;
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
                JstWire.biz(query), JstWire.range(query), query.maxWindow(), query.pageSize());
    }

    /**
     * Creates the document, or returns the one already created with the same {@code external_id}: the
     * vendor de-duplicates by it, so a retried upload (after a timeout, say) does not create a second one.
     */
    public OtherInOutUploadResult create(OtherInOutRequest request) {
        Objects.requireNonNull(request, "request");
        JsonNode data = caller.call(UPLOAD, JstWire.biz(request), true);
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
}
