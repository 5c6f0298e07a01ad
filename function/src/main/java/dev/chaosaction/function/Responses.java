package dev.chaosaction.function;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The function's answers (design.md §3). */
final class Responses {
    private Responses() {}

    /** Bad input: nothing ran. */
    static Map<String, Object> invalid(List<Problem> problems) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "invalid");
        response.put("errors", problems.stream().map(Responses::error).toList());
        return response;
    }

    private static Map<String, Object> error(Problem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("path", problem.path());
        error.put("message", problem.message());
        return error;
    }

    /** What a run's lock holds while it runs, and what a duplicate delivery gets meanwhile. */
    static Map<String, Object> running(String runId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("runId", runId);
        response.put("status", "running");
        return response;
    }

    /**
     * A finished run; {@code where} says where its journal went. {@code document} is the journal as stored,
     * secrets masked: the reason of an abort or interruption comes from there.
     */
    static Map<String, Object> result(Journal journal, Map<String, Object> document, String where) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("runId", journal.runId());
        if (document.get("chaos-action") instanceof Map<?, ?> ours && ours.get("verdict") != null) {
            response.put("verdict", ours.get("verdict"));
            response.put("verdictReason", ours.get("verdict_reason"));
        }
        response.put("status", journal.status());
        response.put("deviated", journal.deviated());
        response.put("journal", where);
        response.put("durationSeconds", journal.durationSeconds());
        if (document.get("chaos-action") instanceof Map<?, ?> ours && ours.get("reason") != null) {
            response.put("reason", ours.get("reason"));
        }
        return response;
    }

    /** A finished run whose journal could not be stored and went to the log instead. */
    static Map<String, Object> loggedJournal(Journal journal, Map<String, Object> document, String logLocation,
                                             String error) {
        Map<String, Object> response = result(journal, document, logLocation);
        response.put("journalError", error);
        return response;
    }
}
