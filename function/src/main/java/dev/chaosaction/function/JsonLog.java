package dev.chaosaction.function;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.chaosaction.config.Redactor;
import dev.chaosaction.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function's log: one JSON object a line ({@code level}, {@code event}, {@code runId}, then the event's
 * fields), with secrets masked. Each line is one call of Lambda's logger, so one CloudWatch event.
 */
final class JsonLog {
    private static final Redactor NOTHING = Redactor.of(Map.of(), List.of());

    private final LambdaLogger logger;
    private final String runId;
    private final Redactor redactor;

    JsonLog(LambdaLogger logger) {
        this(logger, null, NOTHING);
    }

    private JsonLog(LambdaLogger logger, String runId, Redactor redactor) {
        this.logger = logger;
        this.runId = runId;
        this.redactor = redactor;
    }

    /** The log of one run: its lines carry the run id and mask the run's secrets. */
    JsonLog forRun(String id, Redactor secrets) {
        return new JsonLog(logger, id, secrets);
    }

    void info(String event, Map<String, ?> fields) {
        line("INFO", event, fields);
    }

    void warn(String event, Map<String, ?> fields) {
        line("WARN", event, fields);
    }

    void error(String event, Map<String, ?> fields) {
        line("ERROR", event, fields);
    }

    /** A line of a given shape (a metrics record), masked like the others. */
    void raw(Map<String, ?> line) {
        logger.log(Json.write(redactor.redact(line)));
    }

    private void line(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("event", event);
        if (runId != null) line.put("runId", runId);
        line.putAll(fields);
        raw(line);
    }
}
