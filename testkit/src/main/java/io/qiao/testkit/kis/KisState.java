package io.qiao.testkit.kis;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a {@link KisSimulator} remembers between requests: bills, materials, issued tokens and user sessions,
 * queued faults, call counters and signature failures. Kept apart from the request handling ({@link KisHandler}) so
 * that a test's view ({@link KisSimulator}'s accessors) and the HTTP side share one store and one lock.
 *
 * <p>Every field is guarded by this object's monitor (one lock, as when all of it lived in the simulator): the
 * methods here are synchronized, and {@link KisHandler} and {@link KisSessionFlow} hold {@code synchronized (state)}
 * when they touch the fields directly. {@link #endlessPaging} is volatile and {@link #calls} atomic because they are
 * read and counted without the lock, as before.
 */
final class KisState {
    private final Clock clock;
    private final int recentBills;

    final Map<String, IssuedToken> tokens = new LinkedHashMap<>();
    final Map<String, Session> sessions = new LinkedHashMap<>();
    final Map<String, Session> refreshTokens = new LinkedHashMap<>();
    boolean codeUsed;
    /** Whether list calls ignore CurrentPage and claim more pages for ever; see {@link KisSimulator#endlessPaging}. */
    volatile boolean endlessPaging;
    final Map<String, SimulatedBill> billsByNo = new LinkedHashMap<>();
    final Map<Long, SimulatedBill> billsById = new LinkedHashMap<>();
    /** 其他出库单, numbered apart from the 其他入库单 (a bill number is unique per bill type). */
    final Map<String, SimulatedBill> deliveriesByNo = new LinkedHashMap<>();
    final Map<Long, SimulatedBill> deliveriesById = new LinkedHashMap<>();
    /** 采购入库单 (purchasereceipt) and 销售出库单 (salesdelivery), each numbered apart. */
    final Map<String, SimulatedBill> purchaseByNo = new LinkedHashMap<>();
    final Map<Long, SimulatedBill> purchaseById = new LinkedHashMap<>();
    final Map<String, SimulatedBill> salesByNo = new LinkedHashMap<>();
    final Map<Long, SimulatedBill> salesById = new LinkedHashMap<>();
    private final List<SimulatedPartner> customers = new ArrayList<>();
    private final List<SimulatedPartner> suppliers = new ArrayList<>();
    private long nextPartnerId = 5001;
    private final List<SimulatedMaterial> materials = new ArrayList<>();
    private final Map<KisOperation, Queue<KisFault>> faults = new EnumMap<>(KisOperation.class);
    private final Map<KisOperation, AtomicInteger> calls = new EnumMap<>(KisOperation.class);
    private final List<String> signatureFailures = new ArrayList<>();
    long nextBillId = 1001;
    private long nextItemId = 1;
    int tokensIssued;
    int autoNumber;

    KisState(Clock clock, int recentBills) {
        this.clock = clock;
        this.recentBills = recentBills;
        seedRecentBills();
        for (KisOperation op : KisOperation.values()) {
            faults.put(op, new ArrayDeque<>());
            calls.put(op, new AtomicInteger());
        }
    }

    /** An app-token (or a session's auth_data) and what it stands for. */
    record IssuedToken(Instant expires, String accessToken) {
    }

    /** A user session of the OAuth flow. Mutable only under the state's lock. */
    static final class Session {
        final String id;
        final String secret;
        String accessToken;
        Instant accessExpires;
        Instant sessionExpires;
        String refreshToken;
        Instant refreshExpires;

        Session(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }
    }

    // ---- reference data -------------------------------------------------------------------------------------

    synchronized SimulatedMaterial addMaterial(String number, String name, String unitId, Map<String, Object> extra) {
        Objects.requireNonNull(number, "number");
        SimulatedMaterial m = new SimulatedMaterial(nextItemId++, number, name, unitId, extra);
        materials.add(m);
        return m;
    }

    synchronized List<SimulatedMaterial> materials() {
        return List.copyOf(materials);
    }

    synchronized void clearMaterials() {
        materials.clear();
    }

    /** The material whose FNumber or FItemID is {@code idOrNumber}, or null. */
    synchronized SimulatedMaterial findMaterial(String idOrNumber) {
        for (SimulatedMaterial m : materials) {
            if (m.number().equals(idOrNumber) || Long.toString(m.itemId()).equals(idOrNumber)) {
                return m;
            }
        }
        return null;
    }

    synchronized SimulatedPartner addPartner(boolean customer, String number, String name) {
        Objects.requireNonNull(number, "number");
        SimulatedPartner p = new SimulatedPartner(nextPartnerId++, number, name);
        (customer ? customers : suppliers).add(p);
        return p;
    }

    synchronized List<SimulatedPartner> partners(boolean customer) {
        return List.copyOf(customer ? customers : suppliers);
    }

    /** The customer (or supplier) whose FItemID or FNumber is {@code idOrNumber}, or null. */
    synchronized SimulatedPartner findPartner(boolean customer, String idOrNumber) {
        for (SimulatedPartner p : customer ? customers : suppliers) {
            if (p.number().equals(idOrNumber) || Long.toString(p.itemId()).equals(idOrNumber)) {
                return p;
            }
        }
        return null;
    }

    // ---- bills ----------------------------------------------------------------------------------------------

    synchronized List<SimulatedBill> bills() {
        return List.copyOf(billsByNo.values());
    }

    synchronized Optional<SimulatedBill> bill(String billNo) {
        return Optional.ofNullable(billsByNo.get(billNo));
    }

    synchronized int billCount() {
        return billsByNo.size();
    }

    synchronized List<SimulatedBill> deliveries() {
        return List.copyOf(deliveriesByNo.values());
    }

    synchronized List<SimulatedBill> purchaseReceipts() {
        return List.copyOf(purchaseByNo.values());
    }

    synchronized List<SimulatedBill> salesDeliveries() {
        return List.copyOf(salesByNo.values());
    }

    // ---- tokens, faults, counters ---------------------------------------------------------------------------

    synchronized void expireTokens() {
        tokens.clear();
    }

    synchronized int tokensIssued() {
        return tokensIssued;
    }

    synchronized List<String> validTokens() {
        List<String> all = new ArrayList<>();
        tokens.forEach((appToken, issued) -> {
            all.add(appToken);
            all.add(issued.accessToken());
        });
        sessions.values().forEach(s -> {
            all.add(s.id);
            all.add(s.secret);
            if (s.refreshToken != null) all.add(s.refreshToken);
        });
        return all;
    }

    synchronized void injectFault(KisOperation operation, KisFault... next) {
        for (KisFault f : next) {
            faults.get(operation).add(Objects.requireNonNull(f, "fault"));
        }
    }

    /** The fault queued for this call of {@code op}, taken off the queue, or null. */
    synchronized KisFault nextFault(KisOperation op) {
        return faults.get(op).poll();
    }

    private final AtomicInteger throttled = new AtomicInteger();

    void throttled() {
        throttled.incrementAndGet();
    }

    int throttledCalls() {
        return throttled.get();
    }

    /** Counts a request that reached {@code op}. */
    void called(KisOperation op) {
        calls.get(op).incrementAndGet();
    }

    int calls(KisOperation operation) {
        return calls.get(operation).get();
    }

    synchronized void signatureFailed(String why) {
        signatureFailures.add(why);
    }

    synchronized List<String> signatureFailures() {
        return List.copyOf(signatureFailures);
    }

    /**
     * The {@link KisSimulator.Builder#recentBills} sample: bill {@code i} (from 0) is {@code SIM-QTRK-0001} and on,
     * dated {@code i % 30} days before the simulator clock's today in Asia/Shanghai, one line of 1 PCS of
     * {@code SIM-A}.
     */
    private synchronized void seedRecentBills() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < recentBills; i++) {
            String no = String.format("SIM-QTRK-%04d", i + 1);
            long id = nextBillId++;
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("FBillNo", no);
            head.put("FID", id);
            head.put("Fdate", today.minusDays(i % 30).toString());
            head.put("FTranType", 10);
            head.put("FDCStockID", "SIM-WH");
            SimulatedBill bill = new SimulatedBill(id, no, head, List.of(Map.of("FItemID", "SIM-A", "FUnitID", "PCS",
                    "FQty", 1, "Fauxqty", 1, "FAuxQtyMust", 1, "FPlanMode", 14036)));
            billsByNo.put(no, bill);
            billsById.put(id, bill);
        }
    }

    /** Everything {@link KisSimulator#reset()} forgets; the material catalogue stays, the sample bills come back. */
    synchronized void reset() {
        billsByNo.clear();
        billsById.clear();
        deliveriesByNo.clear();
        deliveriesById.clear();
        purchaseByNo.clear();
        purchaseById.clear();
        salesByNo.clear();
        salesById.clear();
        seedRecentBills();
        tokens.clear();
        sessions.clear();
        refreshTokens.clear();
        codeUsed = false;
        faults.values().forEach(Queue::clear);
        endlessPaging = false;
        calls.values().forEach(c -> c.set(0));
        throttled.set(0);
        signatureFailures.clear();
        tokensIssued = 0;
    }
}
