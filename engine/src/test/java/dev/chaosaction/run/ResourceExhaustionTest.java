package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.testing.HugeBodyServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import dev.chaosaction.validation.Validator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What an experiment can make the JVM hold: bodies, threads, activities, and what an Error leaves behind. */
class ResourceExhaustionTest {
    private static final RunSettings ALWAYS = new RunSettings(null, RollbackStrategy.ALWAYS,
            dev.chaosaction.experiment.HypothesisStrategy.DEFAULT, 1.0, false, null, Duration.ZERO);

    @Test
    void aHugeBodyKeepsItsHeadWithANoteAndTheRunGoesOnToItsRollbacks() throws Exception {
        long huge = 600L * 1024 * 1024;
        try (HugeBodyServer server = new HugeBodyServer(huge)) {
            Journal journal = Runs.run(experiment("{\"type\": \"probe\", \"name\": \"read it all\", \"provider\": "
                    + "{\"type\": \"http\", \"url\": \"" + server.url() + "\"}}", tick("undo-huge")), ALWAYS);

            assertEquals("completed", journal.status(), journal.reason());
            Map<?, ?> output = (Map<?, ?>) journal.run().getFirst().output();
            String body = (String) output.get("body");
            String note = "\n[chaos-action: body truncated after 10485760 bytes, the rest was not read]";
            assertTrue(body.endsWith(note), body.substring(body.length() - 200));
            assertEquals(10 * 1024 * 1024 + note.length(), body.length());
            assertTrue(server.sent() < huge / 2, "the server sent " + server.sent() + " bytes");
            assertEquals(1, TestFunctions.ticks("undo-huge"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exhaust", "recurse"})
    void anErrorInAnActivityAbortsTheMethodAndTheRollbacksStillRun(String func) {
        String counter = "undo-" + func;
        Journal journal = Runs.run(experiment(function(func, false), tick(counter)), ALWAYS);

        assertEquals("aborted", journal.status());
        assertTrue(journal.reason().contains(func.equals("exhaust") ? "OutOfMemoryError" : "StackOverflowError"),
                journal.reason());
        assertEquals(1, TestFunctions.ticks(counter));
        assertEquals("succeeded", journal.rollbacks().getFirst().status());
    }

    @Test
    void anErrorInABackgroundActivityAbortsTooAndTheRollbacksStillRun() {
        Journal journal = Runs.run(experiment(function("recurse", true), tick("undo-background")), ALWAYS);

        assertEquals("aborted", journal.status());
        assertTrue(journal.reason().contains("StackOverflowError"), journal.reason());
        assertEquals(1, TestFunctions.ticks("undo-background"));
    }

    @Test
    void backgroundActivitiesShareABoundedPool() {
        String pausing = "{\"type\": \"action\", \"name\": \"n\", \"background\": true, \"pauses\": {\"after\": 0.02},"
                + "\"provider\": {\"type\": \"python\", \"module\": \"" + TestFunctions.MODULE + "\", \"func\": \"tick\","
                + "\"arguments\": {\"name\": \"pool\"}}}";
        String method = String.join(",", Collections.nCopies(Validator.MAX_ACTIVITIES, pausing));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();

        Journal journal = Runs.run(experiment(method, tick("undo-pool")), ALWAYS);

        assertEquals("completed", journal.status(), journal.reason());
        assertEquals(Validator.MAX_ACTIVITIES, TestFunctions.ticks("pool"));
        int peak = threads.getPeakThreadCount();
        assertTrue(peak <= before + MethodPhase.MAX_BACKGROUND_THREADS + 8, "from " + before + " to " + peak);
    }

    @Test
    void moreActivitiesThanTheMaximumAreRefusedWithTheirPath() {
        String method = String.join(",", Collections.nCopies(Validator.MAX_ACTIVITIES + 1, tick("never")));
        InvalidExperimentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidExperimentException.class,
                () -> Runs.prepare(experiment(method, tick("never"))));
        assertEquals(List.of(new Problem("/method", "at most " + Validator.MAX_ACTIVITIES
                + " activities are allowed here, not " + (Validator.MAX_ACTIVITIES + 1))), e.problems());
        assertEquals(0, TestFunctions.ticks("never"));
    }

    private static String experiment(String method, String rollback) {
        return "{\"title\": \"t\", \"description\": \"d\", \"method\": [" + method + "], \"rollbacks\": [" + rollback
                + "]}";
    }

    private static String function(String func, boolean background) {
        return "{\"type\": \"action\", \"name\": \"" + func + "\", \"background\": " + background + ", \"provider\": "
                + "{\"type\": \"python\", \"module\": \"" + TestFunctions.MODULE + "\", \"func\": \"" + func + "\"}}";
    }

    private static String tick(String counter) {
        return "{\"type\": \"action\", \"name\": \"undo\", \"provider\": {\"type\": \"python\", \"module\": \""
                + TestFunctions.MODULE + "\", \"func\": \"tick\", \"arguments\": {\"name\": \"" + counter + "\"}}}";
    }
}
