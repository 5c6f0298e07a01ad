package dev.chaosaction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal has Chaos Toolkit's shape: keys, order and value formats (ctk-spec.md §7). */
class JournalTest {
    @Test
    void topLevelKeysComeInChaosToolkitsOrder() {
        Journal j = new Journal("r1", Map.of("title", "t"), Instant.parse("2024-05-07T10:11:12Z"));
        j.status("completed", null);
        j.end(Instant.parse("2024-05-07T10:11:13.5Z"));
        Map<String, Object> m = j.toMap();
        assertEquals(List.of("chaoslib-version", "platform", "node", "experiment", "start", "status", "deviated",
                "steady_states", "run", "rollbacks", "end", "duration", "chaos-action"), List.copyOf(m.keySet()));
        assertEquals(1.5, m.get("duration"));
        assertEquals(List.of("before", "after", "during"), List.copyOf(((Map<?, ?>) m.get("steady_states")).keySet()));
    }

    @Test
    void aFailedItemCarriesTheActivityFailedTraceLine() {
        RunItem item = new RunItem(Map.of("name", "a"), Instant.parse("2024-05-07T10:11:12Z"));
        item.failed("no luck", Instant.parse("2024-05-07T10:11:12.25Z"));
        item.toleranceMet(false);
        Map<String, Object> m = item.toMap();
        assertEquals(List.of("activity", "output", "start", "status", "exception", "end", "duration", "tolerance_met"),
                List.copyOf(m.keySet()));
        assertEquals(List.of("chaoslib.exceptions.ActivityFailed: no luck\n"), m.get("exception"));
        assertEquals(0.25, m.get("duration"));
        assertEquals("no luck", item.failure());
    }

    @Test
    void anInterruptedItemHasNoStatus() {
        RunItem item = new RunItem(Map.of("name", "a"), Instant.parse("2024-05-07T10:11:12Z"));
        item.ended(Instant.parse("2024-05-07T10:11:13Z"));
        assertEquals(List.of("activity", "output", "start", "end", "duration"), List.copyOf(item.toMap().keySet()));
    }
}
