package io.qiao.client;

import java.time.Duration;

/**
 * One attempt of an API call.
 *
 * @param operation  the logical operation ("erp.warehouse.get", "/open/other/inout/query")
 * @param outcome    how it ended
 * @param attempt    1 for the first attempt
 * @param duration   wall time of the attempt, rate-limit waits excluded
 * @param httpStatus the HTTP status, or 0 when there was no answer
 * @param vendorCode the vendor's error code for an API error, else null
 */
public record ApiCallEvent(String operation, Outcome outcome, int attempt, Duration duration, int httpStatus,
                           String vendorCode) {
    public enum Outcome {
        SUCCESS, API_ERROR, THROTTLED, TRANSPORT_ERROR, DECODE_ERROR, OTHER_ERROR
    }
}
