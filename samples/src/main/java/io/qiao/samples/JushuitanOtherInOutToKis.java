package io.qiao.samples;

import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutItem;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.kis.KisClient;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.sync.MiscellaneousReceiptMapper;
import io.qiao.kis.sync.MiscellaneousReceiptSink;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.RecordValidator;
import io.qiao.sync.record.Rules;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.record.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quick start 2: 聚水潭 其它出入库 documents (by default the Confirmed 其它进仓 and 其它退货 ones) become 金蝶 KIS
 * 其他入库单, with the mapping of the old QEasy integration (seeds/001): FBillNo = io_id, Fdate = io_date as
 * {@code yyyy-MM-dd'T'HH:mm:ss}, one Entry per item with FItemID resolved from the sku_id through the KIS material
 * catalogue, FQty = qty, FAuxPrice = cost_price, Famount = cost_amount. The FBillNo makes every write idempotent:
 * a document delivered twice (window overlap, retry, crash) is found in KIS, never created twice. A sku that KIS
 * does not know makes the document a dead letter naming the sku.
 */
public final class JushuitanOtherInOutToKis {
    public static final String NAME = "jushuitan-otherinout-to-kis";
    /** Inbound kinds of 其它出入库: what a 其他入库单 can receive. */
    public static final List<String> DEFAULT_TYPES = List.of(OtherInOutQuery.TYPE_OTHER_IN, OtherInOutQuery.TYPE_OTHER_RETURN);

    private JushuitanOtherInOutToKis() {
    }

    /** What a run reads: document types and status (default: {@link #DEFAULT_TYPES}, Confirmed). */
    public static OtherInOutFilter defaultFilter() {
        return OtherInOutFilter.confirmed(DEFAULT_TYPES.toArray(String[]::new));
    }

    /**
     * The job. {@code materials} resolves a sku_id to its KIS material (the client's catalogue by FNumber, or by
     * the custom field holding the sku); {@code stockIds} maps Jushuitan warehouse ids (wh_id) to KIS FDCStockID,
     * and a warehouse it does not list uses its wh_id as a three-digit code.
     */
    public static SyncJob<OtherInOut, OtherInOut> job(Source<OtherInOut> source, KisClient kis,
                                                      Lookup<String, Material> materials, Map<Long, String> stockIds,
                                                      CheckpointStore checkpoints, DeadLetterStore deadLetters,
                                                      Clock clock, SyncListener... listeners) {
        MiscellaneousReceiptSink<OtherInOut> sink = MiscellaneousReceiptSink.builder(kis, mapper(stockIds))
                .materials(materials)
                .build();
        SyncJob.Builder<OtherInOut, OtherInOut> b = SyncJob.builder(NAME)
                .source(source)
                .validate(validator())
                .sink(sink)
                .keyOf(JushuitanSources::keyOf)
                .recordType(OtherInOut.class)
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .clock(clock);
        for (SyncListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    /** What a document needs before it can become a bill; every problem is named in the dead letter. */
    static RecordValidator<OtherInOut> validator() {
        RecordValidator<OtherInOut> fields = Rules.all(
                Rules.required("io_date", OtherInOut::ioDate),
                Rules.required("items", OtherInOut::items));
        return fields.and(doc -> {
            List<Violation> v = new ArrayList<>();
            for (int i = 0; i < doc.items().size(); i++) {
                OtherInOutItem item = doc.items().get(i);
                String at = "items[" + i + "].";
                if (item.skuId() == null || item.skuId().isBlank()) {
                    v.add(new Violation(at + "sku_id", "is required"));
                }
                if (item.qty() <= 0) {
                    v.add(new Violation(at + "qty", "'" + item.qty() + "' must be greater than 0"));
                }
            }
            return v;
        });
    }

    /** Jushuitan document -> 其他入库单 (seeds/001). */
    static MiscellaneousReceiptMapper<OtherInOut> mapper(Map<Long, String> stockIds) {
        return (doc, materials) -> {
            MiscellaneousReceipt.Builder bill = MiscellaneousReceipt.builder()
                    .billNo(Long.toString(doc.ioId()))
                    .date(doc.ioDate()) // sent as yyyy-MM-dd'T'HH:mm:ss, as the old integration did
                    .warehouseId(stockId(doc.whId(), stockIds))
                    .note(doc.remark() == null || doc.remark().isBlank() ? null : doc.remark());
            for (OtherInOutItem item : doc.items()) {
                Material m = materials.require(item.skuId(), "KIS material for sku_id");
                bill.entry(MiscellaneousReceiptEntry.builder()
                        .itemId(Long.toString(m.itemId()))
                        .unitId(m.unitId())
                        .qty(item.qty())
                        .auxPrice(item.costPrice())
                        .amount(item.costAmount())
                        .build());
            }
            return bill.build();
        };
    }

    static String stockId(Long whId, Map<Long, String> stockIds) {
        if (whId == null) {
            return null;
        }
        String mapped = stockIds.get(whId);
        return mapped != null ? mapped : String.format("%03d", whId);
    }
}
