package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.http;
import static dev.chaosaction.tolerance.Outputs.process;
import static dev.chaosaction.tolerance.Outputs.tolerance;
import static dev.chaosaction.tolerance.Outputs.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeToleranceTest {
    private static final Map<String, Object> PERCENT = tolerance("{'type':'range','range':[0, 100]}");

    @Test
    void targetStatusOfAnHttpOutput() throws Exception {
        Map<String, Object> success = tolerance("{'type':'range','range':[200, 299],'target':'status'}");
        assertTrue(within(success, http(200, "")));
        assertTrue(within(success, http(299, "")));
        assertFalse(within(success, http(300, "")));
        assertFalse(within(success, http(404, "")));
    }

    @Test
    void boundsAreInclusive() throws Exception {
        assertTrue(within(PERCENT, 0L));
        assertTrue(within(PERCENT, 100L));
        assertTrue(within(PERCENT, 99.99));
        assertFalse(within(PERCENT, -1L));
        assertFalse(within(PERCENT, 100.0001));
        assertTrue(within(PERCENT, true), "Decimal(True) is 1");
    }

    /** Python's Decimal(str): blanks around, underscores anywhere, exponents; anything else is simply not met. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"  42\n\"  | true",
        "1_0         | true",
        "1e2         | true",
        "+0.5        | true",
        ".5          | true",
        "100.000     | true",
        "100.001     | false",
        "-0          | true",
        "abc         | false",
        "4 2         | false",
        "0x10        | false",
        "\"\"        | false",
        "inf         | false",
        "NaN         | false",
    })
    void numericStrings(String stdout, boolean met) throws Exception {
        assertEquals(met, within(tolerance("{'type':'range','range':[0, 100],'target':'stdout'}"),
                process(0, stdout, "")));
    }

    /** Divergence: Chaos Toolkit reads the bound 6.4 as Decimal(6.4) = 6.4000000000000003..., we as 6.4. */
    @Test
    void floatBoundsCountAsWritten() throws Exception {
        Map<String, Object> load = tolerance("{'type':'range','range':[0.1, 6.4]}");
        assertTrue(within(load, "6.40"));
        assertTrue(within(load, "6.4"));
        assertTrue(within(load, 6.4));
        assertFalse(within(load, "6.4000000000000001"));
        assertTrue(within(load, "0.1"));
        assertFalse(within(load, "0.09999999999999999"));
    }

    @Test
    void infiniteBoundsFromYaml() throws Exception {
        Map<String, Object> atLeastOne = Map.of("type", "range", "range", List.of(1L, Double.POSITIVE_INFINITY));
        assertTrue(within(atLeastOne, 1_000_000_000L));
        assertTrue(within(atLeastOne, "inf"));
        assertFalse(within(atLeastOne, 0L));
    }

    @Test
    void outputDictWithoutTargetIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class, () -> within(PERCENT, http(200, "50")));
        assertEquals("range tolerance needs a number or a numeric string, got dict; set `target` (e.g. body, stdout)",
                e.getMessage());
    }

    @Test
    void noneAndListsAreClearErrors() {
        ToleranceException e = assertThrows(ToleranceException.class, () -> within(PERCENT, null));
        assertEquals("range tolerance needs a number or a numeric string, got None", e.getMessage());
        e = assertThrows(ToleranceException.class, () -> within(PERCENT, List.of(1L)));
        assertEquals("range tolerance needs a number or a numeric string, got list", e.getMessage());
    }

    @Test
    void malformedRangeIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(tolerance("{'type':'range','range':['${low}', 10]}"), 5L));
        assertEquals("hypothesis range lower boundary must be a number", e.getMessage());
    }
}
