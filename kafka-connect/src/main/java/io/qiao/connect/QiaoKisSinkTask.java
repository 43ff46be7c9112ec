package io.qiao.connect;

import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.client.Secret;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisCredentials;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.sync.MiscellaneousReceiptSink;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes each record's bill through {@link MiscellaneousReceiptSink}: the bill is looked up by FBillNo before it is
 * created, and a create whose answer was lost is resolved by the same lookup, so a record Connect delivers again
 * (after a rebalance, a restart, a retried batch) finds its bill and creates nothing. Connect's own consumer offsets
 * are enough here: delivery is at least once and the write is idempotent.
 *
 * <p>A record that cannot become a bill (a field missing, a sku KIS does not know, a bill KIS refuses on its merits)
 * goes to the errant record reporter with the reason (the dead-letter topic with {@code errors.tolerance=all}), and
 * the task fails on it when there is no reporter. Failures another attempt may cure (timeouts, KIS busy, gateway
 * errors) are retriable: Connect delivers the batch again.
 */
public final class QiaoKisSinkTask extends SinkTask {
    private KisClient client;
    private MiscellaneousReceiptSink<Map<String, Object>> sink;

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public void start(Map<String, String> props) {
        KisSinkConfig config = new KisSinkConfig(props);
        KisGatewayCredentials.Builder creds = KisCredentials.gatewayBuilder()
                .clientId(config.getString(KisSinkConfig.CLIENT_ID))
                .clientSecret(secret(config.getPassword(KisSinkConfig.CLIENT_SECRET)))
                .appKey(config.getString(KisSinkConfig.APP_KEY))
                .appSecret(secret(config.getPassword(KisSinkConfig.APP_SECRET)))
                .routerAddress(config.getString(KisSinkConfig.ROUTER_ADDRESS))
                .outerInstanceId(config.getString(KisSinkConfig.OUTER_INSTANCE_ID));
        try {
            client = KisClient.builder().endpoint(config.getString(KisSinkConfig.ENDPOINT)).credentials(creds.build())
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConnectException("qiao.kis.*: " + e.getMessage(), e);
        }
        String field = config.getString(KisSinkConfig.MATERIAL_FIELD);
        MiscellaneousReceiptSink.Builder<Map<String, Object>> b = MiscellaneousReceiptSink.builder(client,
                new OtherInOutBills(config.stockIds));
        if (!"FNumber".equals(field)) {
            b.materialsByField(field);
        }
        sink = b.build();
    }

    private static Secret secret(Password p) {
        return p == null ? null : Secret.of(p.value());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<Map<String, Object>> docs = new ArrayList<>(records.size());
        Map<Map<String, Object>, SinkRecord> sources = new IdentityHashMap<>();
        List<Map.Entry<SinkRecord, Throwable>> bad = new ArrayList<>();
        for (SinkRecord r : records) {
            try {
                if (r.value() == null) {
                    throw new DataException("the record has no value (a tombstone): KIS bills are never deleted");
                }
                Map<String, Object> doc = SinkRows.fields(r.value());
                docs.add(doc);
                sources.put(doc, r);
            } catch (DataException e) {
                bad.add(Map.entry(r, e));
            }
        }
        WriteResult<Map<String, Object>> result;
        try {
            result = sink.write(docs);
        } catch (QiaoException e) {
            if (e instanceof ApiException api && !api.isRetryable()) {
                throw new ConnectException("KIS refused the batch for a reason retrying cannot cure (credentials, "
                        + "signature): " + e.getMessage(), e);
            }
            throw new RetriableException("writing " + docs.size() + " bills to KIS failed; the batch is delivered again "
                    + "(bills already created are found by FBillNo, never created twice): " + e.getMessage(), e);
        }
        for (Rejection<Map<String, Object>> r : result.rejected()) {
            SinkRecord source = sources.get(r.record());
            if (source == null) {
                throw new ConnectException("KIS refused a bill the sink cannot trace to its record: " + r.reasons());
            }
            bad.add(Map.entry(source, new DataException(r.stage() + ": " + String.join("; ", r.reasons()))));
        }
        report(bad);
    }

    /** Before put returns, so that Connect commits no offset past a bad record that no reporter holds. */
    private void report(List<Map.Entry<SinkRecord, Throwable>> bad) {
        if (bad.isEmpty()) {
            return;
        }
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            SinkRecord first = bad.get(0).getKey();
            throw new ConnectException(first.topic() + "-" + first.kafkaPartition() + "@" + first.kafkaOffset() + ": "
                    + bad.get(0).getValue().getMessage() + " (set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to send such records to a dead-letter topic)");
        }
        List<Future<Void>> sent = new ArrayList<>();
        bad.forEach(e -> sent.add(reporter.report(e.getKey(), e.getValue())));
        try {
            for (Future<Void> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reporting errant records", e);
        } catch (ExecutionException e) {
            throw new ConnectException("cannot report errant records: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
    }
}
