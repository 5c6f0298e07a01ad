package dev.chaosaction.function;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one invocation asks for, whatever the shape of its event (design.md §3).
 *
 * @param experiment    the experiment document, or an {@code s3://bucket/key} reference to one
 * @param at            where the experiment sits in the payload, as a JSON Pointer ({@code ""}, {@code /experiment},
 *                      {@code /detail}, {@code /detail/experiment}): problems in it are reported below this path
 * @param configuration configuration values, as {@code --var} gives them
 * @param settings      how to run it
 * @param runId         the run id the request names, or null
 * @param schedule      the schedule that delivered the event, or null
 * @param eventId       the EventBridge event id, or null
 * @param stopAlarms    CloudWatch alarm ARNs that stop this run when one enters ALARM, besides the deployment's
 */
record Request(Object experiment, String at, Map<String, Object> configuration, RequestSettings settings,
               String runId, Schedule schedule, String eventId, List<String> stopAlarms) {

    /** A schedule's ARN and the time it fired for: together, one firing. */
    record Schedule(String arn, String time) {}

    /** Run ids become S3 keys and log fields: letters, digits, {@code . _ -}, at most 128. */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /**
     * The run ids the function makes ({@link #safe}): name-based UUIDs. A request cannot choose one, nor can an
     * event's id be one, so that no caller can take a firing's id before it fires.
     */
    static final Pattern DERIVED_ID = Pattern.compile(
            "(?i)[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** An experiment sent as it is. */
    static Request of(Map<String, Object> experiment, String at) {
        return new Request(experiment, at, Map.of(), RequestSettings.DEFAULTS, null, null, null, List.of());
    }

    Request delivered(Schedule firing, String id) {
        return new Request(experiment, at, configuration, settings, runId, schedule != null ? schedule : firing, id,
                stopAlarms);
    }

    /**
     * The idempotency key: the request's {@code runId}, else one firing of a schedule, else the event id, else
     * the Lambda request id (which Lambda keeps when it retries an asynchronous invocation).
     */
    String runId(String lambdaRequestId) {
        if (runId != null) return runId;
        if (schedule != null) return safe(schedule.arn() + " " + schedule.time());
        if (eventId != null) return DERIVED_ID.matcher(eventId).matches() ? derived("event " + eventId) : safe(eventId);
        return safe(lambdaRequestId);
    }

    /** The value itself when it is a safe id (a UUID is), else a name-based UUID of it: stable across deliveries. */
    static String safe(String raw) {
        return SAFE_ID.matcher(raw).matches() ? raw : derived(raw);
    }

    private static String derived(String raw) {
        return UUID.nameUUIDFromBytes(raw.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
