package dev.chaosaction.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML timestamps read as the text Python's str() gives the date or datetime PyYAML makes of them. */
class YamlTimestampTest {

    private static Object value(String yaml) {
        return ((Map<?, ?>) Yaml.parse("v: " + yaml)).get("v");
    }

    @Test
    void aDateStaysADate() {
        assertEquals("2026-12-01", value("2026-12-01"));
        // YAML 1.1 resolves a date only with two-digit month and day, as PyYAML does; otherwise it is text.
        assertEquals("2026-1-5", value("2026-1-5"));
    }

    @Test
    void aDatetimeReadsAsPythonPrintsIt() {
        assertEquals("2026-12-01 10:00:00+00:00", value("2026-12-01T10:00:00Z"));
        assertEquals("2026-12-01 10:00:00", value("2026-12-01 10:00:00"));
        assertEquals("2026-12-01 10:00:00.500000-05:00", value("2026-12-01t10:00:00.5-5"));
        assertEquals("2026-12-01 09:08:07+05:30", value("2026-12-01 9:08:07 +05:30"));
    }

    @Test
    void aQuotedTimestampIsText() {
        assertEquals("2026-12-01T10:00:00Z", value("'2026-12-01T10:00:00Z'"));
    }
}
