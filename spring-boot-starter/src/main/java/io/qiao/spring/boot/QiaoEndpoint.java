package io.qiao.spring.boot;

import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/qiao}: GET lists every job with its status, last run report, checkpoint and open dead letters by
 * reason; POST {@code /actuator/qiao/{job}/replay} replays that job's open dead letters (404 for an unknown job,
 * 409 while the job runs). Expose it like any endpoint: {@code management.endpoints.web.exposure.include=qiao}.
 */
@Endpoint(id = "qiao")
public class QiaoEndpoint {
    /** HTTP 409: the job is running, replay would race its writes. */
    static final int STATUS_CONFLICT = 409;

    private final QiaoJobsView view;

    QiaoEndpoint(QiaoJobsView view) {
        this.view = view;
    }

    @ReadOperation
    public Map<String, Object> jobs() {
        Map<String, Object> jobs = new LinkedHashMap<>();
        view.jobs().forEach((name, job) -> jobs.put(name, view.describe(job)));
        return Map.of("jobs", jobs);
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> job(@Selector String job) {
        Optional<SyncJob<?, ?>> j = view.job(job);
        return j.map(value -> new WebEndpointResponse<>(view.describe(value)))
                .orElseGet(() -> notFound("no job '" + job + "'"));
    }

    /** {@code action} is the path's last part; only {@code replay} exists. */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> act(@Selector String job, @Selector String action) {
        if (!"replay".equals(action)) {
            return notFound("no action '" + action + "'; POST /actuator/qiao/{job}/replay");
        }
        Optional<SyncJob<?, ?>> j = view.job(job);
        if (j.isEmpty()) {
            return notFound("no job '" + job + "'; the jobs are " + view.jobs().keySet());
        }
        if (j.get().isRunning()) {
            return new WebEndpointResponse<>(Map.of("error", "job '" + job
                    + "' is running; replay its dead letters when the run has ended"), STATUS_CONFLICT);
        }
        ReplayReport report = j.get().admin().replayOpen(Integer.MAX_VALUE);
        return new WebEndpointResponse<>(QiaoJobsView.replayReport(report));
    }

    private static WebEndpointResponse<Map<String, Object>> notFound(String message) {
        return new WebEndpointResponse<>(Map.of("error", message), WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
