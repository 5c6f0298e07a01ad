package dev.chaosaction.function;

import static dev.chaosaction.experiment.Problem.child;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import dev.chaosaction.safety.StopAlarms;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads an invocation payload into a {@link Request}. The payload is an experiment (it has {@code method}), a
 * request (it has {@code experiment}), or an EventBridge event whose {@code detail} is one of those; what
 * EventBridge Scheduler delivers is the schedule's input as it is, so it is one of the first two. Every mistake
 * is a {@link Problem} whose path points into the payload.
 */
final class Payloads {
    private static final List<String> FIELDS =
            List.of("configuration", "experiment", "runId", "scheduleArn", "scheduledTime", "settings", "stopAlarms");
    private static final List<String> SETTINGS =
            List.of("dry", "failFast", "hypothesisFrequency", "hypothesisStrategy", "rollbackStrategy");
    /** What a Scheduler context attribute looks like when nobody substituted it (the input invoked by hand). */
    private static final String PLACEHOLDER = "<aws.scheduler.";
    private static final String SCHEDULED_EVENT = "Scheduled Event";
    /** How far ahead of our clock a firing's time may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String OBJECT_CREATED = "Object Created";

    private Payloads() {}

    static Request parse(byte[] payload) throws InvalidExperimentException {
        // Lambda caps payloads itself; the local invoke server does not. Either way, no bigger than an experiment file.
        if (payload.length > ExperimentLoader.MAX_BYTES) {
            throw new InvalidExperimentException("", "the payload is larger than " + ExperimentLoader.MAX_BYTES
                    + " bytes; a large experiment can be sent as an s3://bucket/key reference");
        }
        Object event = json(new String(payload, StandardCharsets.UTF_8));
        if (!(event instanceof Map<?, ?> map)) {
            throw new InvalidExperimentException("", "the payload must be a JSON object, not " + Py.typeName(event));
        }
        Map<String, Object> document = stringKeys(map);
        if (isS3Notification(document)) return S3Notifications.request(document);
        return isEventBridge(document) ? eventBridge(document) : experimentOrRequest(document, "");
    }

    private static Object json(String text) throws InvalidExperimentException {
        if (text.isBlank()) throw new InvalidExperimentException("", "the payload is empty");
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidExperimentException("", "the payload is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
    }

    /** {@code Records} from {@code aws:s3}: told here, so that other payloads never load the events types. */
    private static boolean isS3Notification(Map<String, Object> document) {
        return document.get("Records") instanceof List<?> records && !records.isEmpty()
                && records.getFirst() instanceof Map<?, ?> first && "aws:s3".equals(first.get("eventSource"));
    }

    private static boolean isEventBridge(Map<String, Object> document) {
        return document.containsKey("detail-type") && document.containsKey("detail");
    }

    /** A rule's schedule fired for {@code time}: its ARN is the event's first resource. */
    private static Request eventBridge(Map<String, Object> event) throws InvalidExperimentException {
        if ("aws.s3".equals(event.get("source")) && OBJECT_CREATED.equals(event.get("detail-type"))) {
            return objectCreated(event);
        }
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new InvalidExperimentException("/detail", "an EventBridge event's detail must be an experiment "
                    + "or a request object");
        }
        Request request = experimentOrRequest(stringKeys(detail), "/detail");
        Request.Schedule firing = SCHEDULED_EVENT.equals(event.get("detail-type"))
                && event.get("resources") instanceof List<?> resources && !resources.isEmpty()
                && resources.getFirst() instanceof String arn && event.get("time") instanceof String time
                ? new Request.Schedule(arn, time) : null;
        if (firing != null && inTheFuture(firing.time())) {
            throw new InvalidExperimentException("/time", "a firing is delivered at its time; " + firing.time()
                    + " is still to come");
        }
        return request.delivered(firing, event.get("id") instanceof String id ? id : null);
    }

    /**
     * An experiment uploaded to the bucket (S3's "Object Created" event through EventBridge): it runs as
     * {@code s3://bucket/key}, loaded like any other, so the checks on where experiments may come from apply.
     * The event's id makes the run id: EventBridge's repeated deliveries of one upload run once.
     */
    private static Request objectCreated(Map<String, Object> event) throws InvalidExperimentException {
        Map<String, Object> detail = event.get("detail") instanceof Map<?, ?> d ? stringKeys(d) : Map.of();
        Object bucket = detail.get("bucket") instanceof Map<?, ?> b ? b.get("name") : null;
        Object key = detail.get("object") instanceof Map<?, ?> o ? o.get("key") : null;
        if (!(bucket instanceof String name) || name.isEmpty() || !(key instanceof String object) || object.isEmpty()) {
            throw new InvalidExperimentException("/detail", "an S3 Object Created event names its bucket "
                    + "(detail.bucket.name) and object (detail.object.key)");
        }
        Request request = new Request(Experiments.S3 + name + "/" + object, "/detail/object/key", Map.of(),
                RequestSettings.DEFAULTS, null, null, null, List.of());
        return request.delivered(null, event.get("id") instanceof String id ? id : null);
    }

    private static Request experimentOrRequest(Map<String, Object> document, String at)
            throws InvalidExperimentException {
        if (document.containsKey("method")) return Request.of(document, at);
        if (document.containsKey("experiment")) return request(document, at);
        throw new InvalidExperimentException(at, "expected an experiment (with a method), a request (with an "
                + "experiment) or an EventBridge event (with detail-type and detail)");
    }

    private static Request request(Map<String, Object> document, String at) throws InvalidExperimentException {
        List<Problem> problems = new ArrayList<>();
        for (String key : document.keySet()) {
            if (!FIELDS.contains(key)) {
                problems.add(new Problem(child(at, key), "unknown field; expected " + String.join(", ", FIELDS)));
            }
        }
        Object experiment = document.get("experiment");
        if (!(experiment instanceof Map<?, ?>) && !(experiment instanceof String s
                && (s.startsWith(Experiments.S3) || dev.chaosaction.experiment.ExperimentUrls.isUrl(s)))) {
            problems.add(new Problem(child(at, "experiment"),
                    "must be an experiment object, an s3://bucket/key reference or an http(s):// URL"));
        }
        Map<String, Object> configuration = configuration(document.get("configuration"), child(at, "configuration"),
                problems);
        RequestSettings settings = settings(document.get("settings"), child(at, "settings"), problems);
        String runId = runId(document.get("runId"), child(at, "runId"), problems);
        String arn = scheduleField(document, "scheduleArn", at, problems);
        String time = scheduleField(document, "scheduledTime", at, problems);
        List<String> alarms = stopAlarms(document.get("stopAlarms"), child(at, "stopAlarms"), problems);
        if (!problems.isEmpty()) throw new InvalidExperimentException(problems);
        return new Request(experiment, child(at, "experiment"), configuration, settings, runId,
                arn != null && time != null ? new Request.Schedule(arn, time) : null, null, alarms);
    }

    /**
     * The payload's configuration values. An env-typed entry ({@code {"type": "env"}}) is refused: the caller is not
     * the operator, and the environment is the deployment's (a reviewed experiment's env entries still resolve).
     */
    private static Map<String, Object> configuration(Object value, String path, List<Problem> problems) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> map) {
            problems.addAll(ClusterSettings.named(map, path));
            map.forEach((name, entry) -> {
                if (entry instanceof Map<?, ?> definition && "env".equals(definition.get("type"))) {
                    problems.add(new Problem(child(path, name), "a request cannot read the function's environment:"
                            + " give the value itself (only the experiment's own configuration may name env variables,"
                            + " and only those the deployment allows)"));
                }
            });
            return stringKeys(map);
        }
        problems.add(new Problem(path, "must be an object of configuration values"));
        return Map.of();
    }

    private static RequestSettings settings(Object value, String path, List<Problem> problems) {
        if (value == null) return RequestSettings.DEFAULTS;
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new Problem(path, "must be an object"));
            return RequestSettings.DEFAULTS;
        }
        for (Object key : map.keySet()) {
            if (!SETTINGS.contains(String.valueOf(key))) {
                problems.add(new Problem(child(path, key), "unknown setting; expected " + String.join(", ", SETTINGS)));
            }
        }
        return new RequestSettings(
                choice(map, "dry", path, problems, Dry::parse),
                choice(map, "rollbackStrategy", path, problems, RollbackStrategy::parse),
                choice(map, "hypothesisStrategy", path, problems, HypothesisStrategy::parse),
                frequency(map.get("hypothesisFrequency"), child(path, "hypothesisFrequency"), problems),
                failFast(map.get("failFast"), child(path, "failFast"), problems));
    }

    /** A string one of the engine's parsers accepts; its message names the choices. */
    private static String choice(Map<?, ?> settings, String key, String path, List<Problem> problems,
                                 Function<String, ?> parser) {
        Object value = settings.get(key);
        if (value == null) return null;
        if (!(value instanceof String s)) {
            problems.add(new Problem(child(path, key), "must be a string"));
            return null;
        }
        try {
            parser.apply(s);
            return s;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(child(path, key), e.getMessage()));
            return null;
        }
    }

    private static double frequency(Object value, String path, List<Problem> problems) {
        if (value == null) return RequestSettings.DEFAULTS.hypothesisFrequency();
        if (value instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        problems.add(new Problem(path, "must be a positive number of seconds"));
        return RequestSettings.DEFAULTS.hypothesisFrequency();
    }

    private static boolean failFast(Object value, String path, List<Problem> problems) {
        if (value == null || value instanceof Boolean) return Boolean.TRUE.equals(value);
        problems.add(new Problem(path, "must be true or false"));
        return false;
    }

    /** CloudWatch alarm ARNs: they only add stop conditions, so the payload may name them. */
    private static List<String> stopAlarms(Object value, String path, List<Problem> problems) {
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) {
            problems.add(new Problem(path, "must be a list of CloudWatch alarm ARNs"));
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String arn) || !StopAlarms.isAlarmArn(arn)) {
                problems.add(new Problem(child(path, i), "not a CloudWatch alarm ARN "
                        + "(arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)"));
            }
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String runId(Object value, String path, List<Problem> problems) {
        if (value == null) return null;
        if (value instanceof String id && Request.DERIVED_ID.matcher(id).matches()) {
            // Kept apart: a chosen id could otherwise claim a future firing's id, and that firing would not run.
            problems.add(new Problem(path, "a name-based UUID (version 3) is the form of the run ids made from a "
                    + "schedule's firing or an event; choose another run id"));
            return null;
        }
        if (value instanceof String id && Request.SAFE_ID.matcher(id).matches()) return id;
        problems.add(new Problem(path, "must be a string of 1 to 128 letters, digits, '.', '_' or '-', "
                + "starting with a letter or a digit"));
        return null;
    }

    /** A Scheduler context attribute; left null when Scheduler did not fill it in. */
    private static String scheduleField(Map<String, Object> document, String key, String at, List<Problem> problems) {
        Object value = document.get(key);
        if (value == null) return null;
        if (!(value instanceof String s)) {
            problems.add(new Problem(child(at, key), "must be a string"));
            return null;
        }
        if (s.startsWith(PLACEHOLDER) || s.isBlank()) return null;
        if (key.equals("scheduledTime") && inTheFuture(s)) {
            problems.add(new Problem(child(at, key), "a firing is delivered at its time; " + s + " is still to come"));
        }
        return s;
    }

    /**
     * A firing's time after now (beyond clock skew): someone claiming it before the schedule fires, which would
     * make the real firing answer as a duplicate and run nothing.
     */
    static boolean inTheFuture(String time) {
        try {
            return OffsetDateTime.parse(time).toInstant().isAfter(Instant.now().plus(CLOCK_SKEW));
        } catch (DateTimeParseException e) {
            return false; // not a time Scheduler writes: its id is made from it all the same
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) map; // JSON object keys are strings
        return document;
    }
}
