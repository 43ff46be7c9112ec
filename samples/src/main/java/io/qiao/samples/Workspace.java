package io.qiao.samples;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.ArchiveConfig;
import io.qiao.archive.ArchiveCredentials;
import io.qiao.archive.SoapMapping;
import io.qiao.archive.sync.FileDropSource;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import io.qiao.jushuitan.TokenStore;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisCredentials;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.model.Material;
import io.qiao.console.ApiCallLog;
import io.qiao.console.RunHistory;
import io.qiao.samples.DbDocumentsToArchive.Document;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.FileCheckpointStore;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import io.qiao.sync.observe.LoggingSyncListener;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.Source;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.observe.SyncStatusListener;
import io.qiao.sync.observe.SyncStatusStore;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one CLI invocation works with: settings, the state directory, the database, the vendor clients (real
 * or simulated) and the stores of each pipeline. Built lazily: {@code qiao status} never starts a simulator or
 * opens a vendor connection.
 *
 * <p>Where state lives: pipeline 1 keeps its checkpoint and dead letters in its target database (so the checkpoint
 * commits in the rows' transaction); pipelines 2 and 3 keep them as files in the state directory (pipeline 3 only
 * reads its business database). Every pipeline's status, the API call log and the lock files are in the state
 * directory.
 */
final class Workspace implements AutoCloseable {
    static final List<String> PIPELINES = List.of(JackyunWarehousesToMysql.NAME, JushuitanOtherInOutToKis.NAME,
            DbDocumentsToArchive.NAME);
    /** The quick-start pipelines and {@code files-to-archive}, which needs an inbound directory and is not in the demo. */
    static final List<String> ALL_PIPELINES = List.of(JackyunWarehousesToMysql.NAME, JushuitanOtherInOutToKis.NAME,
            DbDocumentsToArchive.NAME, FilesToArchive.NAME);

    final Settings settings;
    final Path stateDir;
    final Clock clock;
    final List<String> notes = new ArrayList<>();
    private final boolean simulateAll;
    private Database database;
    private Simulators simulators;
    private ApiCallLog apiLog;
    private RunLock inboundLock;
    private SyncStatusStore statusStore;
    private FileCheckpointStore fileCheckpoints;
    private JsonLinesDeadLetterStore fileDeadLetters;
    private JdbcCheckpointStore jdbcCheckpoints;
    private JdbcDeadLetterStore jdbcDeadLetters;
    private boolean readingOnly;
    private JackyunClient jackyun;
    private JushuitanClient jushuitan;
    private KisClient kis;
    private ArchiveClient archive;

    Workspace(Settings settings, Clock clock) {
        this(settings, clock, true);
    }

    /**
     * @param createStateDir false for a command that only reads (status, report, dlq list, reconcile): a read must
     *     change nothing, not even leave an empty state directory behind a mistyped {@code --state-dir}; a missing
     *     directory reads as one where nothing has run yet
     */
    Workspace(Settings settings, Clock clock, boolean createStateDir) {
        this.settings = settings;
        this.clock = clock;
        this.stateDir = Path.of(settings.get("state-dir", "qiao-state")).toAbsolutePath().normalize();
        this.simulateAll = settings.get("simulate").filter(v -> !v.equalsIgnoreCase("false")).isPresent();
        if (!createStateDir) {
            return;
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UsageException("--state-dir " + stateDir + " cannot be created: "
                    + io.qiao.sync.internal.Files2.reason(e));
        }
    }

    static void checkPipeline(String name) {
        if (!ALL_PIPELINES.contains(name)) {
            throw new UsageException("unknown pipeline '" + name + "'; the pipelines are " + String.join(", ", ALL_PIPELINES));
        }
    }

    // ------------------------------------------------------------------------------------------- database

    synchronized Database database() {
        if (database == null) {
            Optional<String> url = settings.get("jdbc.url");
            database = url.isPresent()
                    ? new Database(url.get(), settings.get("jdbc.user").orElse(null),
                    settings.get("jdbc.password").orElse(null))
                    : Database.embedded(stateDir);
        }
        return database;
    }

    boolean embeddedDatabase() {
        return settings.get("jdbc.url").isEmpty();
    }

    /** Connections the warehouse sink writes a batch on ({@code sink-writers}, QIAO_SINK_WRITERS); 1 unless set. */
    int sinkWriters() {
        String text = settings.get("sink-writers", "1").trim();
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 16) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new UsageException("sink-writers '" + text + "' is not a whole number from 1 to 16");
    }

    String warehouseTable() {
        return settings.get("warehouse-table", JackyunWarehousesToMysql.DEFAULT_TABLE);
    }

    // ------------------------------------------------------------------------------------------- stores

    synchronized SyncStatusStore statusStore() {
        if (statusStore == null) {
            statusStore = SyncStatusStore.inDirectory(stateDir.resolve("status"));
        }
        return statusStore;
    }

    synchronized ApiCallLog apiLog() {
        if (apiLog == null) {
            apiLog = ApiCallLog.in(stateDir.resolve("api-calls.jsonl"), clock);
        }
        return apiLog;
    }

    /**
     * Whether the pipeline's checkpoint can be read without creating anything: false for pipeline 1 on the embedded
     * database before its file exists (opening H2 would create it), or, for a command that only reads, while its
     * database has no checkpoint table yet; read-only commands then say "none yet" instead.
     */
    boolean checkpointsStored(String pipeline) {
        return stored(pipeline, JdbcCheckpointStore.DEFAULT_TABLE);
    }

    /** As {@link #checkpointsStored} for the pipeline's dead letters. */
    boolean deadLettersStored(String pipeline) {
        return stored(pipeline, JdbcDeadLetterStore.DEFAULT_TABLE);
    }

    private boolean stored(String pipeline, String table) {
        if (!pipeline.equals(JackyunWarehousesToMysql.NAME)) {
            return true;
        }
        if (embeddedDatabase() && !Files.exists(stateDir.resolve("qiao.mv.db"))) {
            return false;
        }
        return !readingOnly || tableExists(table);
    }

    /**
     * From here on the command only reads (status, report, dlq list, reconcile): Qiao's tables in the database are
     * read where they exist and never created, so that a read changes no database and works for a user who may only
     * SELECT ({@code CREATE TABLE IF NOT EXISTS} needs the CREATE privilege even when the table is there).
     */
    synchronized void readingOnly() {
        this.readingOnly = true;
    }

    /**
     * Whether one of pipeline 1's state tables is in the database. True when the question cannot be answered, so
     * that reading the table fails with the database's own error, as it did before this check.
     */
    private boolean tableExists(String table) {
        try (Connection c = database().getConnection()) {
            return tableExists(c, table);
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String escape = md.getSearchStringEscape();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) { // H2 keeps unquoted names upper case
            String pattern = escape == null ? name : name.replace("_", escape + "_");
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Before each turn of a schedule: an embedded database whose file was deleted under this process (a deleted
     * state directory) would take the next turn's rows, checkpoints and dead letters with it into nothing, so the
     * turn must not run. The file stores recreate their files by themselves.
     */
    synchronized void checkEmbeddedDatabaseStillThere() {
        Path file = stateDir.resolve("qiao.mv.db");
        if (database != null && embeddedDatabase() && !Files.exists(file)) {
            throw new SetupException("the embedded database " + file + " was deleted while this process had it open; "
                    + "what a run writes now would be lost with it, so restart qiao to create a new one");
        }
    }

    Path lockFile(String pipeline) {
        return stateDir.resolve("locks").resolve(pipeline + ".lock");
    }

    CheckpointStore checkpoints(String pipeline) {
        checkPipeline(pipeline);
        return pipeline.equals(JackyunWarehousesToMysql.NAME) ? jdbcCheckpoints() : fileCheckpoints();
    }

    DeadLetterStore deadLetters(String pipeline) {
        checkPipeline(pipeline);
        return pipeline.equals(JackyunWarehousesToMysql.NAME) ? jdbcDeadLetters() : fileDeadLetters();
    }

    /** Where a pipeline's dead letters are, for messages ("jq ... FILE", "SELECT ... FROM qiao_dead_letter"). */
    String deadLetterLocation(String pipeline) {
        return pipeline.equals(JackyunWarehousesToMysql.NAME)
                ? "table " + JdbcDeadLetterStore.DEFAULT_TABLE + " in " + database().describe()
                : fileDeadLetters().fileOf(pipeline).toString();
    }

    private synchronized FileCheckpointStore fileCheckpoints() {
        if (fileCheckpoints == null) {
            fileCheckpoints = FileCheckpointStore.in(stateDir.resolve("checkpoints"), clock);
        }
        return fileCheckpoints;
    }

    private synchronized JsonLinesDeadLetterStore fileDeadLetters() {
        if (fileDeadLetters == null) {
            fileDeadLetters = JsonLinesDeadLetterStore.in(stateDir.resolve("dead-letters"));
        }
        return fileDeadLetters;
    }

    private synchronized JdbcCheckpointStore jdbcCheckpoints() {
        if (jdbcCheckpoints == null) {
            JdbcCheckpointStore s = JdbcCheckpointStore.builder(database()).clock(clock).owner(leaseOwner()).build();
            if (!readingOnly) {
                inDatabase(s::createTablesIfMissing);
            }
            jdbcCheckpoints = s;
        }
        return jdbcCheckpoints;
    }

    /**
     * This replica's name in the pipeline's lease: host and state directory. Stable across restarts, so a process
     * killed while holding the lease is followed by one that takes it back at once, while a replica on another
     * host (or with another state directory) waits for it to end or expire.
     */
    String leaseOwner() {
        String owner = host() + ":" + stateDir.toAbsolutePath().normalize();
        return owner.length() <= 200 ? owner : owner.substring(0, 60) + "..." + owner.substring(owner.length() - 137);
    }

    /** This machine's name, as the JVM knows it ("pid@host" on HotSpot); the whole JVM name where it has no '@'. */
    static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return name.substring(name.indexOf('@') + 1);
    }

    /**
     * Runs a step on the database, naming the database in its failure: "cannot create checkpoint table
     * qiao_checkpoint: Access denied" alone does not say which server refused, and the refusal is usually the
     * connection (a wrong host, user or password), not the table.
     */
    private void inDatabase(Runnable step) {
        try {
            step.run();
        } catch (SyncException e) {
            throw new SetupException("cannot use the database " + database().describe() + ": " + e.getMessage(), e);
        }
    }

    private synchronized JdbcDeadLetterStore jdbcDeadLetters() {
        if (jdbcDeadLetters == null) {
            JdbcDeadLetterStore s = JdbcDeadLetterStore.of(database());
            if (!readingOnly) {
                inDatabase(s::createTablesIfMissing);
            }
            jdbcDeadLetters = s;
        }
        return jdbcDeadLetters;
    }

    // ------------------------------------------------------------------------------------------- jobs

    /** The pipeline's job, with logging, status and the given listeners. */
    SyncJob<?, ?> job(String pipeline, SyncListener... extra) {
        return job(pipeline, checkpoints(pipeline), extra);
    }

    /** As {@link #job(String, SyncListener...)} with other checkpoints (the demo's from-scratch re-run). */
    SyncJob<?, ?> job(String pipeline, CheckpointStore checkpoints, SyncListener... extra) {
        checkPipeline(pipeline);
        List<SyncListener> listeners = new ArrayList<>();
        if (settings.get("verbose").isPresent()) {
            listeners.add(new LoggingSyncListener()); // otherwise Progress and the printed report say it all
        }
        listeners.add(new SyncStatusListener(statusStore()));
        listeners.add(RunHistory.in(ConsoleCommand.runsFile(stateDir))); // runs over time, for qiao console
        listeners.addAll(Arrays.asList(extra));
        SyncListener[] all = listeners.toArray(SyncListener[]::new);
        DeadLetterStore deadLetters = deadLetters(pipeline);
        try {
            return switch (pipeline) {
                case JackyunWarehousesToMysql.NAME -> {
                    JackyunWarehousesToMysql.createTableIfMissing(database(), warehouseTable());
                    yield JackyunWarehousesToMysql.job(warehouseSource(), database(), warehouseTable(), sinkWriters(),
                            checkpoints, deadLetters, clock, all);
                }
                case FilesToArchive.NAME -> FilesToArchive.job(fileDrops(), archive(), checkpoints, deadLetters, clock, all);
                case JushuitanOtherInOutToKis.NAME -> JushuitanOtherInOutToKis.job(otherInOutSource(), kis(),
                        materials(), stockIds(), checkpoints, deadLetters, clock, all);
                default -> {
                    prepareDocuments();
                    yield DbDocumentsToArchive.job(DbDocumentsToArchive.source(database(), documentsSince(),
                                    duration("settle-delay", Duration.ofSeconds(30))), database(), archive(),
                            filesDir(), checkpoints, deadLetters, clock, all);
                }
            };
        } catch (SQLException e) {
            throw new SetupException("cannot prepare the tables of " + pipeline + " in " + database().describe()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The inbound directory of {@code files-to-archive} ({@code --inbound-dir}, {@code QIAO_INBOUND_DIR} or
     * {@code [paths] inbound_dir}), with backup/ and error/ beside it.
     */
    FileDropSource fileDrops() {
        Path inbound = Path.of(settings.get("inbound-dir").orElseThrow(() -> new UsageException("inbound-dir is not "
                + "set: give --inbound-dir DIR, QIAO_INBOUND_DIR, or [paths] inbound_dir in the --config archive_config.ini; "
                + FilesToArchive.NAME + " reads the document sets dropped there"))).toAbsolutePath().normalize();
        if (!Files.isDirectory(inbound)) {
            throw new SetupException("inbound-dir " + inbound + " is not a directory; create it (the guide: mkdir -p "
                    + "/data/archive_interface/{inbound,outbound,logs,backup})");
        }
        lockInbound(inbound);
        FileDropSource.Builder b = FileDropSource.builder(inbound).clock(clock);
        settings.get("quiet-period").ifPresent(d -> b.quietPeriod(Args.duration("quiet-period", d)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * One process per inbound directory, whatever its state directory: two would claim and push the same sets at
     * once, and two lookups by 档号 racing each other can both miss and both create. Held until this workspace closes.
     */
    private synchronized void lockInbound(Path inbound) {
        if (inboundLock != null) {
            return;
        }
        Path file = inbound.resolve(".qiao-files-to-archive.lock");
        try {
            inboundLock = RunLock.tryAcquire(file, "pid " + ProcessHandle.current().pid() + " on " + host()
                    + " with state directory " + stateDir + ", since " + clock.instant())
                    .orElseThrow(() -> new SetupException("inbound-dir " + inbound + " is being processed by another "
                            + "qiao (" + holderOf(file) + "); one process per inbound directory, or two could push "
                            + "the same set at once"));
        } catch (java.io.IOException e) {
            throw new SetupException("cannot lock inbound-dir " + inbound + ": " + e.getMessage(), e);
        }
    }

    private static String holderOf(Path lock) {
        try {
            return RunLock.holder(lock).orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    Source<Warehouse> warehouseSource() {
        JackyunSources.Builder<Warehouse, ?> b = JackyunSources.warehousesBuilder(jackyun());
        since().or(() -> simulated("jackyun") ? Optional.of(simulators().dataStartInstant()) : Optional.empty())
                .ifPresent(b::initialWatermark);
        settings.get("settle-delay").ifPresent(d -> b.settleDelay(Args.duration("settle-delay", d)));
        return b.build();
    }

    Source<io.qiao.jushuitan.model.OtherInOut> otherInOutSource() {
        JushuitanSources.OtherInOutBuilder b = JushuitanSources.otherInOutBuilder(jushuitan()).filter(otherInOutFilter());
        since().or(() -> simulated("jushuitan") ? Optional.of(simulators().dataStartInstant()) : Optional.empty())
                .ifPresent(b::initialWatermark);
        settings.get("settle-delay").ifPresent(d -> b.settleDelay(Args.duration("settle-delay", d)));
        return b.build();
    }

    OtherInOutFilter otherInOutFilter() {
        OtherInOutFilter f = JushuitanOtherInOutToKis.defaultFilter();
        Optional<String> types = settings.get("jushuitan.types");
        if (types.isPresent()) {
            f = f.withTypes(Arrays.stream(types.get().split("[,，]")).map(String::strip).filter(s -> !s.isEmpty())
                    .toArray(String[]::new));
        }
        Optional<String> status = settings.get("jushuitan.status");
        if (status.isPresent()) {
            f = f.withStatus(status.get().equalsIgnoreCase("all") ? null : status.get());
        }
        return f;
    }

    private Instant documentsSince() {
        return since().orElse(Instant.EPOCH);
    }

    Optional<Instant> since() {
        return settings.get("since").map(t -> Args.instant("since", t, clock));
    }

    Duration duration(String key, Duration defaultValue) {
        return settings.get(key).map(d -> Args.duration(key, d)).orElse(defaultValue);
    }

    Path filesDir() {
        return settings.get("files-dir").map(Path::of).orElse(Path.of("")).toAbsolutePath();
    }

    /** Pipeline 3's tables: seeded with the demo documents in the embedded database, required elsewhere. */
    private void prepareDocuments() throws SQLException {
        if (embeddedDatabase() && !DemoDocuments.tablesExist(database())) {
            DemoDocuments.create(database(), stateDir.resolve("demo-files"), clock);
            note("documents: created the demo tables documents and attachments in " + database().describe());
        } else if (!DemoDocuments.tablesExist(database())) {
            throw new SetupException("the database " + database().describe() + " has no table 'documents' (with "
                    + "'attachments'); pipeline " + DbDocumentsToArchive.NAME + " reads them, see the README");
        }
    }

    Lookup<String, Material> materials() {
        String field = settings.get("kis.material-field", "FNumber");
        return field.equals("FNumber") ? kis().materials().catalogByNumber()::find : kis().materials().catalog(field)::find;
    }

    Map<Long, String> stockIds() {
        Map<Long, String> map = new LinkedHashMap<>();
        settings.get("kis.stock-ids").ifPresent(text -> {
            for (String pair : text.split(",")) {
                String[] kv = pair.split("[:=]");
                try {
                    map.put(Long.parseLong(kv[0].strip()), kv[1].strip());
                } catch (RuntimeException e) {
                    throw new UsageException("kis.stock-ids '" + text + "' is not a list such as 1:001,2:002 "
                            + "(Jushuitan wh_id : KIS FDCStockID)");
                }
            }
        });
        return map;
    }

    // ------------------------------------------------------------------------------------------- vendors

    /** Whether a vendor runs on its simulator: with --simulate, or when its endpoint is not configured. */
    boolean simulated(String vendor) {
        return simulateAll || settings.get(vendor + ".endpoint").isEmpty();
    }

    synchronized Simulators simulators() {
        if (simulators == null) {
            simulators = new Simulators(clock, settings.get("archive.soap-config").isPresent());
        }
        return simulators;
    }

    /** The vendors this workspace builds clients for, by their operation names' first part. */
    static final List<String> VENDORS = List.of("jackyun", "jushuitan", "kis", "archive");

    /**
     * The rate limits this workspace's client of {@code vendor} keeps to: a simulator's pacing (none but Jushuitan's,
     * which the demo shows being kept), else the vendor client's default. Fresh limiters on every call: a client is
     * built once and keeps its own; the console only reads the windows.
     */
    RateLimits rateLimits(String vendor) {
        boolean simulated = simulated(vendor);
        return switch (vendor) {
            case "jackyun" -> simulated ? RateLimits.none() : RateLimits.of(JackyunClient.DEFAULT_RATE_LIMIT);
            case "jushuitan" -> simulated ? Simulators.jushuitanPacing() : JushuitanClient.defaultRateLimits();
            case "kis" -> simulated ? RateLimits.none() : RateLimits.of(KisClient.DEFAULT_RATE_LIMIT);
            case "archive" -> RateLimits.none();
            default -> throw new IllegalArgumentException("vendor '" + vendor + "' is not one of " + VENDORS);
        };
    }

    synchronized JackyunClient jackyun() {
        if (jackyun == null) {
            JackyunClient.Builder b = JackyunClient.builder().listener(apiLog().forVendor("jackyun"));
            if (simulated("jackyun")) {
                var sim = simulators().jackyun();
                simulatedNote("jackyun", "吉客云");
                b.endpoint(sim.endpoint()).credentials(JackyunCredentials.of(sim.appKey(), sim.appSecret()))
                        .rateLimits(rateLimits("jackyun"));
            } else {
                String appKey = required("jackyun", "app-key");
                String appSecret = required("jackyun", "app-secret");
                b.endpoint(settings.get("jackyun.endpoint").orElseThrow())
                        .credentials(build("jackyun", () -> JackyunCredentials.of(appKey, appSecret)));
            }
            jackyun = build("jackyun", b::build);
        }
        return jackyun;
    }

    synchronized JushuitanClient jushuitan() {
        if (jushuitan == null) {
            JushuitanClient.Builder b = JushuitanClient.builder().listener(apiLog().forVendor("jushuitan"));
            if (simulated("jushuitan")) {
                var sim = simulators().jushuitan();
                simulatedNote("jushuitan", "聚水潭");
                b.endpoint(sim.endpoint()).credentials(JushuitanCredentials.of(sim.appKey(), sim.appSecret()))
                        .rateLimits(rateLimits("jushuitan"));
            } else {
                String appKey = required("jushuitan", "app-key");
                String appSecret = required("jushuitan", "app-secret");
                Optional<String> token = settings.get("jushuitan.access-token");
                b.endpoint(settings.get("jushuitan.endpoint").orElseThrow())
                        .credentials(build("jushuitan", () -> {
                            JushuitanCredentials.Builder c = JushuitanCredentials.builder().appKey(appKey)
                                    .appSecret(Secret.of(appSecret));
                            token.ifPresent(t -> c.accessToken(Secret.of(t)));
                            return c.build();
                        }));
                if (token.isEmpty()) {
                    b.tokenStore(TokenStore.file(stateDir.resolve("jushuitan-token.json")));
                }
            }
            jushuitan = build("jushuitan", b::build);
        }
        return jushuitan;
    }

    synchronized KisClient kis() {
        if (kis == null) {
            KisClient.Builder b = KisClient.builder().listener(apiLog().forVendor("kis"));
            if (simulated("kis")) {
                var sim = simulators().kis();
                simulatedNote("kis", "金蝶 KIS");
                KisSimulatorCredentials c = sim.credentials();
                b.endpoint(sim.endpoint()).credentials(KisCredentials.gateway(c.clientId(),
                        Secret.of(c.clientSecret()), c.appKey(), Secret.of(c.appSecret()), c.routerAddress()))
                        .rateLimits(rateLimits("kis"));
            } else {
                KisGatewayCredentials.Builder creds = KisCredentials.gatewayBuilder()
                        .clientId(required("kis", "client-id"))
                        .clientSecret(Secret.of(required("kis", "client-secret")))
                        .appKey(settings.get("kis.app-key").orElse(null))
                        .appSecret(settings.secret("kis.app-secret").orElse(null))
                        .routerAddress(settings.get("kis.router-address").orElse(null))
                        .outerInstanceId(settings.get("kis.outer-instance-id").orElse(null));
                b.endpoint(settings.get("kis.endpoint").orElseThrow()).credentials(build("kis", creds::build));
            }
            kis = build("kis", b::build);
        }
        return kis;
    }

    synchronized ArchiveClient archive() {
        if (archive == null) {
            ArchiveClient.Builder b = ArchiveClient.builder().listener(apiLog().forVendor("archive"));
            if (simulated("archive")) {
                var sim = simulators().archive();
                b.endpoint(sim.endpoint()).credentials(ArchiveCredentials.of(sim.credentials().appKey(),
                        sim.credentials().appSecret())).rateLimits(rateLimits("archive"));
                Optional<SoapMapping> soap = soapMapping();
                // The simulator is the reference service: its names, with the version and file transfer asked for.
                soap.ifPresent(m -> b.soap(SoapMapping.defaults().toBuilder().version(m.version())
                        .fileTransfer(m.fileTransfer()).build()));
                simulatedNote("archive", soap.map(m -> "文书档案 (SOAP " + (m.version() == SoapMapping.Version.SOAP_11
                        ? "1.1" : "1.2") + ")").orElse("文书档案"));
            } else {
                String appKey = required("archive", "app-key");
                String appSecret = required("archive", "app-secret");
                b.endpoint(settings.get("archive.endpoint").orElseThrow())
                        .credentials(build("archive", () -> ArchiveCredentials.of(appKey, appSecret)));
                soapMapping().ifPresent(b::soap);
            }
            archive = build("archive", b::build);
        }
        return archive;
    }

    /** The {@code [soap]} mapping of the archive config ({@code archive.soap-config}), if the archive speaks SOAP. */
    private Optional<SoapMapping> soapMapping() {
        return settings.get("archive.soap-config").flatMap(file -> build("archive", () -> ArchiveConfig.load(
                java.nio.file.Path.of(file))).soap());
    }

    private void simulatedNote(String vendor, String label) {
        note(vendor + ": " + label + " is the built-in simulator" + (simulateAll ? " (--simulate)"
                : " (QIAO_" + vendor.toUpperCase(Locale.ROOT) + "_ENDPOINT is not set)"));
    }

    private String required(String vendor, String key) {
        return settings.get(vendor + "." + key).orElseThrow(() -> new UsageException(
                "QIAO_" + (vendor + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_') + " (or --" + vendor + "-"
                        + key + ", or " + vendor + "." + key + " in --config) is not set; it is needed with "
                        + "QIAO_" + vendor.toUpperCase(Locale.ROOT) + "_ENDPOINT"));
    }

    /** A client builder's refusal of incomplete settings is bad usage of the CLI, not a failure of a run. */
    private static <T> T build(String vendor, java.util.function.Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UsageException(vendor + " settings: " + e.getMessage());
        }
    }

    synchronized void note(String message) {
        if (!notes.contains(message)) {
            notes.add(message);
        }
    }

    @Override
    public synchronized void close() {
        if (inboundLock != null) {
            try {
                inboundLock.close();
            } catch (java.io.IOException e) {
                // the lock goes with the process anyway
            }
        }
        if (fileDeadLetters != null) {
            fileDeadLetters.close();
        }
        if (apiLog != null) {
            apiLog.close();
        }
        if (simulators != null) {
            simulators.close();
        }
        if (database != null) {
            database.shutdownEmbedded();
        }
    }

    /** A pipeline cannot start: its tables or files are not there. One sentence for the user; exit status 1. */
    static final class SetupException extends RuntimeException {
        SetupException(String message, Throwable cause) {
            super(message, cause);
        }

        SetupException(String message) {
            super(message);
        }
    }
}
