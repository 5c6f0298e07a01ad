package dev.chaosaction.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A jsonpath tolerance that reads the HTTP result where its author meant the body gets a warning with the fix. */
class HttpToleranceAdviceTest {

    @SuppressWarnings("unchecked")
    private static List<String> warnings(String tolerance) {
        return HttpToleranceAdvice.warnings((Map<String, Object>) Json.parse("""
                {"steady-state-hypothesis": {"title": "t", "probes": [{"type": "probe", "name": "p",
                  "provider": {"type": "http", "url": "http://x/"}, "tolerance": %s}]}}""".formatted(tolerance)));
    }

    @Test
    void theBriefsPathAndExpectationAreWarnedAbout() {
        List<String> w = warnings("{\"type\": \"jsonpath\", \"path\": \"$.status\", \"expect\": \"UP\"}");
        assertEquals(1, w.size());
        assertTrue(w.getFirst().startsWith("/steady-state-hypothesis/probes/0/tolerance: the jsonpath '$.status'"), w::toString);
        assertTrue(w.getFirst().contains("never 'UP'"), w::toString);
        assertTrue(w.getFirst().contains("\"target\": \"body\"") && w.getFirst().contains("'$.body.status'"), w::toString);
    }

    @Test
    void aKeyTheResultDoesNotHaveIsWarnedAbout() {
        List<String> w = warnings("{\"type\": \"jsonpath\", \"path\": \"$['model'].ready\", \"expect\": true}");
        assertEquals(1, w.size());
        assertTrue(w.getFirst().contains("nothing (no such key)"), w::toString);
    }

    @Test
    void pathsThatReadTheResultAsMeantAreLeftAlone() {
        for (String t : List.of(
                "{\"type\": \"jsonpath\", \"path\": \"$.status\", \"expect\": \"UP\", \"target\": \"body\"}",
                "{\"type\": \"jsonpath\", \"path\": \"$.body.status\", \"expect\": \"UP\"}",
                "{\"type\": \"jsonpath\", \"path\": \"$.status\", \"expect\": 200}",
                "{\"type\": \"jsonpath\", \"path\": \"$.status\"}",
                "{\"type\": \"jsonpath\", \"path\": \"$.headers['Content-Type']\", \"expect\": \"text/plain\"}",
                "200", "[200, 204]")) {
            assertEquals(List.of(), warnings(t), t);
        }
    }
}
