package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the remaining time of an invocation is shared between the method, the rollbacks and the journal. */
class BudgetTest {
    private static final Instant NOW = Instant.parse("2024-05-07T10:00:00Z");

    @Test
    void aLongInvocationKeepsAMinuteForRollbacksAndFifteenSecondsForTheJournal() {
        Budget budget = Budget.of(NOW, Duration.ofSeconds(900));

        assertEquals(NOW.plusSeconds(885), budget.deadline());
        assertEquals(Duration.ofSeconds(60), budget.reserve());
    }

    @Test
    void aShortInvocationKeepsFractionsOfItsTime() {
        Budget budget = Budget.of(NOW, Duration.ofSeconds(30));

        assertEquals(NOW.plusSeconds(27), budget.deadline());
        assertEquals(Duration.ofSeconds(6), budget.reserve());
    }

    @Test
    void theBudgetBecomesTheRunsDeadline() {
        var settings = Budget.of(NOW, Duration.ofSeconds(100)).apply(RequestSettings.DEFAULTS.resolve(java.util.Map.of()));

        assertEquals(NOW.plusSeconds(90), settings.deadline());
        assertEquals(Duration.ofSeconds(20), settings.reserve());
    }
}
