package io.qiao.client;

import java.time.Clock;
import java.util.Objects;

/**
 * What a client's listings are guarded with: the vendor's name for messages, the {@link PagingLimits} and the
 * client's clock (so that a test moves time instead of sleeping). One per client, from
 * {@link ClientSettings#pagingGuard(String)}; attach it with {@link PagedIterable#guardedBy(PagingGuard)}.
 */
public final class PagingGuard {
    private static final PagingGuard UNNAMED = new PagingGuard(null, PagingLimits.defaults(), Clock.systemUTC());

    private final String vendor;
    private final PagingLimits limits;
    private final Clock clock;

    private PagingGuard(String vendor, PagingLimits limits, Clock clock) {
        this.vendor = vendor;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @param vendor the vendor as messages name it ("聚水潭", "吉客云", "KIS", "archive system")
     */
    public static PagingGuard of(String vendor, PagingLimits limits, Clock clock) {
        return new PagingGuard(Objects.requireNonNull(vendor, "vendor"), Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The default limits on the system clock, without a vendor name: what a plain {@link PagedIterable} gets. */
    public static PagingGuard unnamed() {
        return UNNAMED;
    }

    /** The vendor's name, or null for {@link #unnamed()}. */
    public String vendor() {
        return vendor;
    }

    public PagingLimits limits() {
        return limits;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "PagingGuard{vendor=" + vendor + ", " + limits + "}";
    }
}
