package io.qiao.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.testkit.archive.ArchiveSimulation;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.SimDocument;
import io.qiao.testkit.jushuitan.SimSku;
import io.qiao.testkit.kis.KisSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The built-in vendor systems, started in this process on demand (each on a free port) with the demo data set:
 * 25 吉客云 warehouses, 120 聚水潭 其它出入库 documents over the last four weeks, a KIS material catalogue that
 * knows every sku but one (so that a few documents become dead letters, as they would against a real catalogue
 * with a gap), and an empty archive system. KIS and the archive system keep what they receive in memory only:
 * they start empty in every process, while checkpoints, dead letters and status stay in the state directory.
 * The archive system is the REST one, or the reference SOAP web service ({@link ArchiveSoapSimulator}, SOAP 1.1 and
 * 1.2 on one address) when the settings call the archive over SOAP.
 */
final class Simulators implements AutoCloseable {
    static final int WAREHOUSES = 25;
    static final int DOCUMENTS = 120;
    /**
     * The simulated 聚水潭 enforces limits four times the vendor's (5/s, 100/min) so that the demo takes seconds,
     * and the client paces below them exactly as it paces below the real ones.
     */
    static final int SIM_PER_SECOND = 20;
    static final int SIM_PER_MINUTE = 400;

    private final Clock clock;
    private final boolean soapArchive;
    // One lock each, so that startAll() starts the four WireMock servers in parallel.
    private final Object jackyunLock = new Object();
    private final Object jushuitanLock = new Object();
    private final Object kisLock = new Object();
    private final Object archiveLock = new Object();
    private JackyunSimulator jackyun;
    private JushuitanSimulator jushuitan;
    private KisSimulator kis;
    private ArchiveSimulation archive;

    Simulators(Clock clock) {
        this(clock, false);
    }

    /** @param soapArchive whether the archive system is the SOAP web service rather than the REST API */
    Simulators(Clock clock, boolean soapArchive) {
        this.clock = clock;
        this.soapArchive = soapArchive;
    }

    /** The demo data lies in the four weeks before yesterday (Asia/Shanghai), so a first run reads all of it. */
    LocalDateTime dataStart() {
        return LocalDate.now(clock.withZone(Json.SHANGHAI)).minusDays(29).atStartOfDay();
    }

    /** Where a job reading a simulator starts when it has no checkpoint and no --since. */
    Instant dataStartInstant() {
        return dataStart().atZone(Json.SHANGHAI).toInstant();
    }

    /** Starts every simulator now, in parallel (the demo needs all four; each takes a second or two alone). */
    void startAll() {
        List<Thread> threads = List.of(new Thread(this::jackyun), new Thread(this::kis), new Thread(this::archive));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    JackyunSimulator jackyun() {
        synchronized (jackyunLock) {
            if (jackyun == null) {
                jackyun = JackyunSimulator.builder()
                        .dataSet(JackyunDataSet.builder().warehouses(WAREHOUSES)
                                .modifiedBetween(dataStart(), dataStart().plusDays(28)).build())
                        .containerThreads(8)
                        .build().start();
            }
            return jackyun;
        }
    }

    JushuitanSimulator jushuitan() {
        synchronized (jushuitanLock) {
            if (jushuitan == null) {
                jushuitan = JushuitanSimulator.builder().documents(DOCUMENTS)
                        .dataWindow(dataStart(), Duration.ofDays(28))
                        .limits(SIM_PER_SECOND, SIM_PER_MINUTE)
                        .build().start();
            }
            return jushuitan;
        }
    }

    /** The client's pacing against the simulated 聚水潭: below its limits, as against the vendor's. */
    static RateLimits jushuitanPacing() {
        return RateLimits.of(RateLimit.perSecond(SIM_PER_SECOND - 4), RateLimit.perMinute(SIM_PER_MINUTE - 2));
    }

    /** KIS with a material per simulated sku (FNumber and custom field F_103 = the sku id), all but one. */
    KisSimulator kis() {
        synchronized (kisLock) {
            if (kis == null) {
                KisSimulator k = KisSimulator.builder().start();
                String withheld = withheldSku();
                for (SimSku sku : jushuitan().dataSet().skus()) {
                    if (!sku.skuId().equals(withheld)) {
                        k.addMaterial(sku.skuId(), sku.name(), "PCS", Map.of("F_103", sku.skuId()));
                    }
                }
                kis = k;
            }
            return kis;
        }
    }

    /** The archive system: the REST simulator, or the SOAP one when built for SOAP. */
    ArchiveSimulation archive() {
        synchronized (archiveLock) {
            if (archive == null) {
                archive = soapArchive ? new ArchiveSoapSimulator().start() : new ArchiveSimulator().start();
            }
            return archive;
        }
    }

    /** Gives KIS the material it lacked, as a user would after reading the dead letters (demo: replay works). */
    void addWithheldMaterial() {
        String sku = withheldSku();
        kis().addMaterial(sku, "商品", "PCS", Map.of("F_103", sku));
    }

    /**
     * The sku missing from the simulated KIS catalogue: the first item of the third document that the default
     * filter reads, so that at least one document (usually two or three) becomes a LOOKUP dead letter.
     */
    String withheldSku() {
        List<String> types = JushuitanOtherInOutToKis.DEFAULT_TYPES;
        int seen = 0;
        for (SimDocument d : jushuitan().dataSet().otherInOut()) {
            if ("Confirmed".equals(d.status()) && types.contains(d.type())) {
                JsonNode items = d.json().path("items");
                if (++seen == 3 && items.size() > 0) {
                    return items.get(0).path("sku_id").asText();
                }
            }
        }
        return "SKU-000";
    }

    @Override
    public void close() {
        synchronized (jackyunLock) {
            if (jackyun != null) {
                jackyun.stop();
            }
        }
        synchronized (jushuitanLock) {
            if (jushuitan != null) {
                jushuitan.stop();
            }
        }
        synchronized (kisLock) {
            if (kis != null) {
                kis.close();
            }
        }
        synchronized (archiveLock) {
            if (archive != null) {
                archive.stop();
            }
        }
    }
}
