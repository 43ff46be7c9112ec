package io.qiao.testkit.jushuitan;

import io.qiao.testkit.FaultPlan;

/** The faults the Jushuitan simulator injects; a one-shot fault may target one API path. */
public final class JushuitanFaults extends FaultPlan<JushuitanFault, JushuitanFaults> {
    JushuitanFaults() {
    }

    /** Re-declared so that the simulator, in this package, may draw from the plan. */
    @Override
    protected JushuitanFault take(String path) {
        return super.take(path);
    }
}
