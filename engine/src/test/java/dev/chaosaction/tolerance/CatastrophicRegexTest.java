package dev.chaosaction.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.Runs;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A regex tolerance whose pattern backtracks exponentially gives up after {@link BudgetedText#MAX_STEPS} reads of
 * the output, and the run aborts saying why. The JDK memoizes the textbook {@code (a+)+$}, so the pattern here
 * nests one level more: {@code ((a+)+)+$} over 40 {@code a} and a {@code b} would take longer than the universe
 * has existed. The timeout only keeps a regression from hanging the build; what is asserted is the outcome.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatastrophicRegexTest {
    private static final String EVIL = "((a+)+)+$";
    private static final String OUTPUT = "a".repeat(40) + "b";
    private static final String GAVE_UP = "hypothesis probe tolerance pattern ((a+)+)+$ took too long: the search"
            + " gave up after 100000000 steps over 41 characters; a nested repetition such as (a+)+ backtracks"
            + " without end, simplify the pattern";

    @Test
    void theSearchGivesUpWithAClearMessage() {
        var e = assertThrows(ToleranceException.class,
                () -> Tolerances.within(Map.of("type", "regex", "pattern", EVIL), OUTPUT, null));
        assertEquals(GAVE_UP, e.getMessage());
    }

    @Test
    void aLinearSearchOverAMegabyteStaysWellWithinTheBudget() throws Exception {
        String body = "a".repeat(1_000_000) + "b";
        assertTrue(Tolerances.within(Map.of("type", "regex", "pattern", "a*b$"), body, null));
        assertTrue(Tolerances.within(Map.of("type", "regex", "pattern", "(?P<tail>ab)$"), body, null));
    }

    @Test
    void theRunAbortsWithThatReasonAndKeepsItsJournal() {
        Journal journal = Runs.run("""
                {"title": "evil regex", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "body",
                   "tolerance": {"type": "regex", "pattern": "%s"},
                   "provider": {"type": "python", "module": "test.fn", "func": "echo", "arguments": {"value": "%s"}}}]},
                 "method": [{"type": "probe", "name": "never", "provider": {"type": "python", "module": "test.fn",
                   "func": "echo", "arguments": {"value": 1}}}]}""".formatted(EVIL, OUTPUT), RunSettings.DEFAULTS);

        assertEquals("aborted", journal.status());
        assertEquals("the steady state could not be judged: " + GAVE_UP, journal.reason());
        assertEquals(0, journal.run().size());
    }
}
