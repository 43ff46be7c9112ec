package io.qiao.connect;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.TransactionalSink;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.JdbcUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts records into the table, one transaction per topic-partition and {@code put}, and writes the partition's
 * next offset in the same transaction (a Qiao checkpoint in {@code offsets.table}, job
 * {@code <connector>/<topic>/<partition>}, cursor = next offset). On {@code open} it seeks the consumer to the stored
 * offsets, so a restarted or rebalanced task neither loses a batch nor applies one twice, whatever Connect's own
 * consumer offsets say. Each commit is a compare-and-set on the checkpoint's version: a task that lost its partition
 * to another (a zombie after a rebalance) cannot commit over the new owner; it rolls back and seeks to the stored
 * offset.
 *
 * <p>Records that cannot become rows (no value, a key field missing) and rows the database refuses for their data go to
 * Connect's errant record reporter (the dead-letter topic, with the reason in its headers, when
 * {@code errors.tolerance=all} and {@code errors.deadletterqueue.topic.name} are set), reported before the offset
 * that passes them commits. Without a reporter (or with {@code errors.tolerance=none}) the task fails on them instead
 * of skipping them.
 */
public final class QiaoJdbcSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(QiaoJdbcSinkTask.class);

    private final Clock clock;
    private SinkConfig config;
    private String connector;
    private final UnaryOperator<DataSource> connections;
    private TaskConnection dataSource;
    private JdbcCheckpointStore offsets;
    private TransactionalSink<Map<String, Object>> sink;
    private SinkRows rows;
    private TableColumns columns;
    /** Per assigned partition: the stored checkpoint version and next offset. */
    private final Map<TopicPartition, Stored> stored = new HashMap<>();

    private record Stored(long version, long nextOffset) {
    }

    public QiaoJdbcSinkTask() {
        this(Clock.systemUTC());
    }

    QiaoJdbcSinkTask(Clock clock) {
        this(clock, UnaryOperator.identity());
    }

    /** {@code connections} wraps the driver's data source (tests count the connections opened through it). */
    QiaoJdbcSinkTask(Clock clock, UnaryOperator<DataSource> connections) {
        this.clock = clock;
        this.connections = connections;
    }

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SinkConfig(props);
        connector = props.getOrDefault("name", "qiao-jdbc-sink");
        String password = config.getPassword(SinkConfig.PASSWORD) == null ? null
                : config.getPassword(SinkConfig.PASSWORD).value();
        dataSource = new TaskConnection(connections.apply(new DriverDataSource(config.getString(SinkConfig.URL),
                config.getString(SinkConfig.USER), password)), clock);
        offsets = JdbcCheckpointStore.builder(dataSource).table(config.getString(SinkConfig.OFFSETS_TABLE)).build();
        try {
            offsets.createTablesIfMissing();
        } catch (RuntimeException e) {
            dataSource.discard();
            throw new ConnectException("cannot create " + config.getString(SinkConfig.OFFSETS_TABLE) + " at "
                    + JdbcUrls.redact(config.getString(SinkConfig.URL)) + ": " + JdbcUrls.redactIn(String.valueOf(e.getMessage())), e);
        }
        String table = config.getString(SinkConfig.TABLE);
        sink = JdbcUpsertSink.<Map<String, Object>>into(dataSource, table)
                .key(config.keyColumns.toArray(String[]::new))
                .checkpoints(offsets)
                .build();
        rows = new SinkRows(config);
        columns = config.getBoolean(SinkConfig.AUTO_CREATE) ? new TableColumns(table, config.keyColumns) : null;
    }

    static String job(String connector, TopicPartition tp) {
        return connector + "/" + tp.topic() + "/" + tp.partition();
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Stored s = load(tp);
            if (s.nextOffset() >= 0) {
                context.offset(tp, s.nextOffset());
                LOG.info("{}: {} resumes at offset {} (stored with the rows)", connector, tp, s.nextOffset());
            }
        }
    }

    /** What the table says of the partition now (never what this task remembers): version and next offset. */
    private Stored load(TopicPartition tp) {
        Optional<Checkpoint> cp;
        try {
            cp = offsets.load(job(connector, tp));
        } catch (RuntimeException e) {
            dataSource.discard();
            throw e;
        }
        Stored s = cp.map(c -> new Stored(c.version(), Long.parseLong(c.position().cursor()))).orElse(new Stored(0, -1));
        stored.put(tp, s);
        return s;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(stored::remove);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Map<TopicPartition, List<SinkRecord>> byPartition = new LinkedHashMap<>();
        for (SinkRecord r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.kafkaPartition()), k -> new ArrayList<>()).add(r);
        }
        byPartition.forEach(this::write);
    }

    private void write(TopicPartition tp, List<SinkRecord> records) {
        // a partition not opened (or closed) here: read its offset from the table, not from memory
        Stored s = stored.containsKey(tp) ? stored.get(tp) : load(tp);
        List<Map<String, Object>> batch = new ArrayList<>(records.size());
        Map<Map<String, Object>, SinkRecord> sources = new IdentityHashMap<>();
        List<Bad> bad = new ArrayList<>();
        long next = s.nextOffset();
        for (SinkRecord r : records) {
            if (r.kafkaOffset() < s.nextOffset()) {
                continue; // applied already: delivered again before the seek to the stored offset took effect
            }
            next = Math.max(next, r.kafkaOffset() + 1);
            try {
                Map<String, Object> row = rows.row(r.value());
                batch.add(row);
                sources.put(row, r);
            } catch (DataException e) {
                bad.add(new Bad(r, e));
            }
        }
        if (next <= s.nextOffset()) {
            return;
        }
        if (columns != null && !batch.isEmpty() && !columns.covers(batch)) {
            try (Connection c = dataSource.getConnection()) {
                columns.ensure(c, batch);
            } catch (SQLException e) {
                dataSource.discard();
                throw new RetriableException("cannot create or extend table " + config.getString(SinkConfig.TABLE)
                        + ": " + JdbcUrls.redactIn(String.valueOf(e.getMessage())), e);
            }
        }
        Position position = new Position(clock.instant().truncatedTo(ChronoUnit.SECONDS), Long.toString(next));
        try {
            TransactionalSink.Committed<Map<String, Object>> done = sink.writeAndCommit(batch, job(connector, tp),
                    s.version(), position, refused -> {
                        List<Bad> all = new ArrayList<>(bad);
                        for (Rejection<Map<String, Object>> r : refused) {
                            all.add(new Bad(sourceOf(sources, r.record()), new DataException("refused by the database: "
                                    + String.join("; ", r.reasons()))));
                        }
                        report(all);
                    });
            stored.put(tp, new Stored(done.checkpoint().version(), next));
        } catch (CheckpointConflictException e) {
            // another task owns the partition now, or committed past us: nothing of ours was written
            long at = load(tp).nextOffset();
            if (at < 0) {
                // no stored offset to seek to (another owner's lease, no commit yet): the worker delivers them again
                throw new RetriableException(tp + ": " + e.getMessage(), e);
            }
            context.offset(tp, at);
            LOG.warn("{}: {} was committed by another task; rolled back, continuing from offset {}", connector, tp, at);
        } catch (RuntimeException e) {
            // the transaction failed somewhere between its first statement and its commit (perhaps the database
            // killed the connection): the connection's state is unknown, so the next put() gets a new one
            dataSource.discard();
            if (e instanceof ConnectException) {
                throw e;
            }
            // rolled back: the worker delivers the same records again
            throw new RetriableException("cannot write " + batch.size() + " rows of " + tp + " into "
                    + config.getString(SinkConfig.TABLE) + ": " + JdbcUrls.redactIn(String.valueOf(e.getMessage())), e);
        }
    }

    private record Bad(SinkRecord record, DataException reason) {
    }

    /** The record a refused row was made from: the same map, else an equal one (a sink may report a copy). */
    private static SinkRecord sourceOf(Map<Map<String, Object>, SinkRecord> sources, Map<String, Object> row) {
        SinkRecord same = sources.get(row);
        if (same != null) {
            return same;
        }
        return sources.entrySet().stream().filter(e -> e.getKey().equals(row)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new ConnectException("the database refused a row the sink cannot trace to its record"));
    }

    /** Inside the transaction: the offset that passes these records commits only once the reporter has them. */
    private void report(List<Bad> bad) {
        if (bad.isEmpty()) {
            return;
        }
        ErrantRecordReporter reporter = errantRecordReporter();
        if (reporter == null) {
            Bad first = bad.get(0);
            throw new ConnectException(first.record().topic() + "-" + first.record().kafkaPartition() + "@"
                    + first.record().kafkaOffset() + ": " + first.reason().getMessage() + " (set errors.tolerance=all "
                    + "and errors.deadletterqueue.topic.name to send such records to a dead-letter topic)");
        }
        List<java.util.concurrent.Future<Void>> sent = new ArrayList<>();
        for (Bad b : bad) {
            sent.add(reporter.report(b.record(), b.reason()));
        }
        try {
            for (java.util.concurrent.Future<Void> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reporting errant records", e);
        } catch (ExecutionException e) {
            throw new ConnectException("cannot report errant records: " + e.getCause(), e.getCause());
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // what the table's transactions stored; Connect's consumer offsets only follow it (for lag monitoring)
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        stored.forEach((tp, s) -> {
            if (s.nextOffset() >= 0) {
                out.put(tp, new OffsetAndMetadata(s.nextOffset()));
            }
        });
        return out;
    }

    @Override
    public void stop() {
        stored.clear();
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
