package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.http;
import static dev.chaosaction.tolerance.Outputs.json;
import static dev.chaosaction.tolerance.Outputs.list;
import static dev.chaosaction.tolerance.Outputs.process;
import static dev.chaosaction.tolerance.Outputs.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bool, int, str and list tolerances, and the delegation of probe tolerances. */
class PlainToleranceTest {

    @Test
    void boolIsPythonEquality() throws Exception {
        assertTrue(within(true, true));
        assertFalse(within(true, false));
        assertTrue(within(true, 1L), "Python: 1 == True");
        assertTrue(within(false, 0L), "Python: 0 == False");
        assertFalse(within(true, 2L));
        assertFalse(within(true, "true"));
        assertFalse(within(true, null));
        assertFalse(within(true, process(0, "true", "")), "an output dict never equals a bool");
    }

    @Test
    void intChecksTheStatusOfHttpAndProcessOutputs() throws Exception {
        assertTrue(within(200L, http(200, "ok")));
        assertFalse(within(200L, http(503, "ok")));
        assertTrue(within(0L, process(0, "", "")));
        assertFalse(within(0L, process(1, "", "boom")));
    }

    @Test
    void intIsPythonEqualityOtherwise() throws Exception {
        assertTrue(within(3L, 3L));
        assertTrue(within(3L, 3), "Long tolerance, Integer output");
        assertTrue(within(3L, 3.0), "Python: 3 == 3.0");
        assertTrue(within(1L, true), "Python: 1 == True");
        assertFalse(within(3L, "3"));
        assertFalse(within(0L, Map.of("code", 0L)), "a dict without status is compared whole");
    }

    @Test
    void strIsEqualityOfTheWholeOutput() throws Exception {
        assertTrue(within("ok", "ok"));
        assertFalse(within("ok", "ok\n"));
        assertFalse(within("ok", process(0, "ok", "")), "never matches a process output");
        assertTrue(within("0", "0"));
        assertFalse(within("0", 0L));
    }

    @Test
    void listIsStatusMembershipForOutputsEvenWithTwoItems() throws Exception {
        assertTrue(within(json("[200, 204]"), http(204, "")));
        assertFalse(within(json("[200, 204]"), http(202, "")), "membership, not the range 200..204");
        assertTrue(within(json("[0, 2]"), process(2, "", "")));
        assertFalse(within(json("[0, 2]"), process(1, "", "")));
    }

    @Test
    void twoItemListIsAnInclusiveRange() throws Exception {
        Object tolerance = json("[1, 10]");
        assertTrue(within(tolerance, 1L));
        assertTrue(within(tolerance, 5L));
        assertTrue(within(tolerance, 10L));
        assertTrue(within(tolerance, 2.5));
        assertFalse(within(tolerance, 0L));
        assertFalse(within(tolerance, 10.000001));
        assertTrue(within(json("[0.5, 1.5]"), true), "Python: 0.5 <= True <= 1.5");
    }

    @Test
    void twoItemRangeOverWhatPythonCannotOrderIsNotMet() throws Exception {
        Object tolerance = json("[1, 10]");
        assertFalse(within(tolerance, "5"));
        assertFalse(within(tolerance, null));
        assertFalse(within(tolerance, Map.of("count", 5L)));
        assertFalse(within(tolerance, List.of(5L)));
    }

    @Test
    void twoItemRangeOfStringsOrdersByCodePointAsPythonDoes() throws Exception {
        Object tolerance = json("['ok', 'running']");
        assertTrue(within(tolerance, "pending"));
        assertTrue(within(tolerance, "running"));
        assertFalse(within(tolerance, "failed"), "not a membership: 'failed' < 'ok'");
    }

    @Test
    void otherListsAreMembership() throws Exception {
        Object tolerance = json("[1, 5, 10]");
        assertTrue(within(tolerance, 5L));
        assertFalse(within(tolerance, 3L), "three items are not a range");
        assertTrue(within(json("['Running', 'Succeeded', 'Completed']"), "Succeeded"));
        assertTrue(within(json("[[1, 2]]"), list(1L, 2L)));
    }

    @Test
    void emptyListIsNeverMet() throws Exception {
        Object tolerance = json("[]");
        assertFalse(within(tolerance, null));
        assertFalse(within(tolerance, List.of()));
        assertFalse(within(tolerance, http(200, "")));
    }

    @Test
    void floatAndNullTolerancesAreNeverMet() throws Exception {
        assertFalse(within(1.0, 1.0));
        assertFalse(within(null, null));
        assertFalse(within(json("{'type':'script'}"), "x"));
    }

    @Test
    void probeToleranceIsDelegatedWithTheOutput() throws Exception {
        Map<String, Object> tolerance = Outputs.tolerance(
                "{'type':'probe','name':'logs-ok','provider':{'type':'python','module':'chaosk8s.pod.probes',"
                        + "'func':'should_be_found_in_logs','arguments':{'pattern':'started'}}}");
        Map<String, Object> output = process(0, "started", "");
        List<Object> calls = new ArrayList<>();
        ProbeTolerance runner = (probe, value) -> {
            calls.add(probe);
            calls.add(value);
            return false;
        };
        assertFalse(Tolerances.within(tolerance, output, runner));
        assertEquals(2, calls.size());
        assertSame(tolerance, calls.get(0));
        assertSame(output, calls.get(1));
        assertEquals(Map.of("pattern", "started"), ((Map<?, ?>) tolerance.get("provider")).get("arguments"),
                "the caller injects `value`, not us");
        assertTrue(Tolerances.within(tolerance, output, (probe, value) -> true));
    }

    @Test
    void probeToleranceErrorsPropagate() {
        ToleranceException e = assertThrows(ToleranceException.class, () -> Tolerances.within(
                json("{'type':'probe'}"), 1L, (probe, value) -> {
                    throw new ToleranceException("probe tolerance has no provider");
                }));
        assertEquals("probe tolerance has no provider", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "users get the message only");
    }
}
