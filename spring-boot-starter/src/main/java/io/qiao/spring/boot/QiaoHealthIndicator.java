package io.qiao.spring.boot;

import io.qiao.sync.SyncJob;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code qiao} health contributor: DOWN when a job's last run failed or the job is stale (no success for
 * {@code qiao.jobs.<name>.stale-after}); details per job: status, checkpoint, open dead letters by reason.
 */
public final class QiaoHealthIndicator extends AbstractHealthIndicator {
    private final QiaoJobsView view;

    QiaoHealthIndicator(QiaoJobsView view) {
        super("qiao health check failed");
        this.view = view;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean down = false;
        for (Map.Entry<String, SyncJob<?, ?>> e : view.jobs().entrySet()) {
            down |= view.isDown(e.getValue());
            builder.withDetail(e.getKey(), view.health(e.getValue()));
        }
        if (down) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
