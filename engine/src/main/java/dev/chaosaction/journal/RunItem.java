package dev.chaosaction.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One executed activity in the journal. It is added to its phase when it starts, so an interrupted activity
 * stays in the journal (without a status), as in Chaos Toolkit.
 */
public final class RunItem {
    private final Map<String, Object> activity;
    private final Instant start;
    private volatile Object output;
    private volatile String status;
    private volatile List<String> exception;
    private volatile Instant end;
    private volatile Boolean toleranceMet;

    public RunItem(Map<String, Object> activity, Instant start) {
        this.activity = activity;
        this.start = start;
    }

    public void succeeded(Object output, Instant end) {
        this.output = output;
        this.status = "succeeded";
        this.end = end;
    }

    public void failed(String message, Instant end) {
        this.status = "failed";
        this.exception = List.of("chaoslib.exceptions.ActivityFailed: " + message + "\n");
        this.end = end;
    }

    /** Interrupted or crashed: the item ends without a status. */
    public void ended(Instant end) {
        this.end = end;
    }

    public void toleranceMet(boolean met) {
        this.toleranceMet = met;
    }

    public Map<String, Object> activity() {
        return activity;
    }

    public Object output() {
        return output;
    }

    public String status() {
        return status;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public Boolean toleranceMet() {
        return toleranceMet;
    }

    /** The failure message without Chaos Toolkit's exception prefix, or null. */
    public String failure() {
        return exception == null ? null
                : exception.getLast().replaceFirst("^chaoslib\\.exceptions\\.ActivityFailed: ", "").strip();
    }

    public double durationSeconds() {
        return end == null ? 0 : Times.seconds(start, end);
    }

    /** The journal's key order: activity, output, start, status, exception, end, duration, tolerance_met. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activity", activity);
        m.put("output", output);
        m.put("start", Times.iso(start));
        if (status != null) m.put("status", status);
        if (exception != null) m.put("exception", exception);
        if (end != null) {
            m.put("end", Times.iso(end));
            m.put("duration", durationSeconds());
        }
        if (toleranceMet != null) m.put("tolerance_met", toleranceMet);
        return m;
    }
}
