package io.qiao.testkit.jackyun;

import io.qiao.testkit.FaultPlan;

/** The faults the Jackyun simulator injects; a one-shot fault may target one API method. */
public final class JackyunFaults extends FaultPlan<JackyunFault, JackyunFaults> {
    JackyunFaults() {
    }

    /** Re-declared so that the simulator, in this package, may draw from the plan. */
    @Override
    protected JackyunFault take(String method) {
        return super.take(method);
    }
}
