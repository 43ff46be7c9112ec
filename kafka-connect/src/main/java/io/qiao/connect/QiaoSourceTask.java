package io.qiao.connect;

import io.qiao.client.ApiException;
import io.qiao.client.RateLimit;
import io.qiao.client.TransportException;
import io.qiao.sync.store.Checkpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the windows of its share of the grid ({@link WindowGrid}) one range at a time and hands their records to the
 * worker.
 *
 * <p><b>Offsets.</b> The source partition is {@code {source, account}} (with {@code slice: "i/n"} when the connector
 * runs {@code n > 1} tasks, each of which owns other windows); the source offset is a Qiao position:
 * {@code {"watermark": "2024-05-01T00:00:00Z"}}, everything of the task's windows modified before it is in the topic.
 * Every record but a range's last carries the range's start, the last one the range's end: a task that dies in a
 * range (or whose last offsets were not committed) reads that range again from its start on whichever worker it
 * restarts, delivering its records again rather than losing any; an idempotent sink absorbs the repeats (the JDBC
 * sink upserts on the key). Ranges without records commit nothing (Connect commits offsets only with records), so a
 * restarted task reads the empty ranges since its last record again: cheap requests, no data.
 *
 * <p><b>Invalid records</b> (a key field or a {@code qiao.required.fields} field missing) follow Connect's
 * {@code errors.tolerance}: see {@link InvalidRecords}.
 */
public final class QiaoSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(QiaoSourceTask.class);
    static final String WATERMARK = "watermark";

    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private SourceConfig config;
    private WindowGrid grid;
    private VendorSources.Reader reader;
    private Map<String, Object> partition;
    private Instant watermark;
    private Instant rangeStart;
    private Instant rangeEnd;
    private Iterator<?> records;
    private InvalidRecords invalid;

    public QiaoSourceTask() {
        this(Clock.systemUTC());
    }

    QiaoSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceConfig(props);
        int tasks = config.taskCount();
        grid = new WindowGrid(config.window(), config.taskIndex(), tasks);
        reader = VendorSources.open(config, tasks);
        partition = partition(config);
        invalid = new InvalidRecords(config, props.getOrDefault("name", config.kind.id()));
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        Object committed = offset == null ? null : offset.get(WATERMARK);
        watermark = committed != null ? Instant.parse(committed.toString()) : config.since(clock.instant());
        LOG.info("{} task {}/{} of account {} starts at {} ({})", config.kind.id(), config.taskIndex() + 1, tasks,
                config.account(), watermark, committed != null ? "committed offset" : SourceConfig.SINCE);
    }

    /**
     * One task's part of the account's limit: the same permits over a period {@code tasks} times as long, so that the
     * tasks together make at most the account's rate (10/s over 4 tasks: 10 per 4 s each, 2.5/s).
     */
    static RateLimit share(RateLimit total, int tasks) {
        return RateLimit.of(total.permits(), total.period().multipliedBy(tasks));
    }

    static Map<String, Object> partition(SourceConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", config.kind.id());
        p.put("account", config.account());
        if (config.kind == VendorSources.Kind.JACKYUN_PAGES) {
            p.put("method", config.getString(SourceConfig.METHOD));
        }
        if (config.kind == VendorSources.Kind.JUSHUITAN_OTHER_IN_OUT && !config.getList(SourceConfig.TYPES).isEmpty()) {
            p.put("types", String.join(",", config.getList(SourceConfig.TYPES)));
        }
        if (config.getString(SourceConfig.STATUS) != null) {
            p.put("status", config.getString(SourceConfig.STATUS));
        }
        if (config.kind == VendorSources.Kind.JACKYUN_STOCK_DOCUMENTS) {
            p.put("direction", config.getString(SourceConfig.DIRECTION));
        }
        if (config.taskCount() > 1) {
            p.put("slice", config.taskIndex() + "/" + config.taskCount());
        }
        return Map.copyOf(p);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        while (stopped.getCount() > 0) {
            if (records == null && !openNextRange()) {
                // caught up: wait for time to pass (or for stop), then let the worker commit and call again
                stopped.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                return null;
            }
            List<SourceRecord> batch = take();
            if (!batch.isEmpty()) {
                return batch;
            }
        }
        return null;
    }

    /** Plans the next range after the watermark; false when nothing has settled there yet. */
    private boolean openNextRange() {
        WindowGrid.Range next = grid.next(watermark);
        Instant settled = clock.instant().minus(config.settleDelay());
        Instant end = next.windowEnd().isBefore(settled) ? next.windowEnd() : settled;
        if (!next.start().isBefore(end)) {
            return false;
        }
        Duration overlap = config.overlap();
        Instant from = overlap.compareTo(Duration.between(Checkpoint.EARLIEST_WATERMARK, next.start())) < 0
                ? next.start().minus(overlap) : Checkpoint.EARLIEST_WATERMARK;
        rangeStart = next.start();
        rangeEnd = end;
        records = reader.read(from, end).iterator();
        return true;
    }

    private List<SourceRecord> take() {
        int max = config.batchSize();
        List<Object> taken = new ArrayList<>();
        boolean more;
        try {
            while (taken.size() < max && records.hasNext()) {
                taken.add(records.next());
            }
            more = records.hasNext();
        } catch (RuntimeException e) {
            // the range is read again from its start; what this attempt delivered comes again, harmlessly
            records = null;
            if (stopped.getCount() == 0) {
                // stop() closed the client under this read (often while it waited to retry a failed page): the
                // worker is stopping the task, and an exception here would only be logged as the task's failure
                LOG.debug("{} task stopped while reading [{}, {}): {}", config.kind.id(), rangeStart, rangeEnd,
                        e.toString());
                return List.of();
            }
            if (!(e instanceof ApiException || e instanceof TransportException)
                    || e instanceof ApiException api && !api.isRetryable()) {
                throw e;
            }
            throw new RetriableException("reading " + config.kind.id() + " [" + rangeStart + ", " + rangeEnd
                    + ") failed; it is read again from its start: " + e.getMessage(), e);
        }
        List<SourceRecord> out = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            boolean last = !more && i == taken.size() - 1;
            Object r = taken.get(i);
            Map<String, Object> offset = Map.of(WATERMARK, (last ? rangeEnd : rangeStart).toString());
            Map<String, Object> key = reader.keyOf(r);
            Object value = ModelValues.plain(r);
            SourceRecord record = new SourceRecord(partition, offset, config.topic(), null, null, key, null, value);
            List<io.qiao.sync.record.Violation> violations = invalid.check(key, value);
            if (!violations.isEmpty()) {
                record = invalid.reject(record, violations);
            }
            if (record != null) {
                out.add(record);
            }
        }
        if (!more) {
            watermark = rangeEnd;
            records = null;
        }
        return out;
    }

    @Override
    public void stop() {
        stopped.countDown();
        VendorSources.Reader r = reader;
        if (r != null) {
            r.close();
        }
    }
}
