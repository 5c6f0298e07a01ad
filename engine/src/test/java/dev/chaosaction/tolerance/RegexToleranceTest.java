package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.http;
import static dev.chaosaction.tolerance.Outputs.json;
import static dev.chaosaction.tolerance.Outputs.process;
import static dev.chaosaction.tolerance.Outputs.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegexToleranceTest {

    private static Map<String, Object> regex(String pattern, String target) {
        Map<String, Object> tolerance = new LinkedHashMap<>();
        tolerance.put("type", "regex");
        tolerance.put("pattern", pattern);
        if (target != null) tolerance.put("target", target);
        return tolerance;
    }

    /**
     * Python's re.search: anywhere in the string, {@code $} also before a final newline ({@code \Z} not, and
     * {@code $} stays an anchor in {@code ${price}}), {@code .} stops at {@code \n} only, Unicode {@code \d}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ready           | pod web-1 is ready now | true",
        "^ready          | pod web-1 is ready now | false",
        "^ready$         | \"ready\n\"            | true",
        "^ready\\Z       | \"ready\n\"            | false",
        "^ready\\Z       | ready                  | true",
        "^a.b$           | \"a\nb\"               | false",
        "^a.b$           | \"a\rb\"               | true",
        "(?m)^b$         | \"a\nb\nc\"            | true",
        "\\d+ pods       | ٣ pods                 | true",
        "(?i)RUNNING     | running                | true",
        "^x{,2}$         | xx                     | true",
        "^x{,2}$         | xxx                    | false",
        "a{              | a{                     | true",
        "cost: ${price}  | cost: ${price}         | false",
        "cost: \\$\\{p} | cost: ${p}             | true",
        "[[]             | [                      | true",
        "[a&&b]          | &                      | true",
        "[]]             | ]                      | true",
        "a(?#comment)b   | ab                     | true",
    })
    void searchesLikePython(String pattern, String text, boolean met) throws Exception {
        assertEquals(met, within(regex(pattern, null), text));
    }

    @Test
    void namedGroupsAndBackReferences() throws Exception {
        Map<String, Object> tolerance = regex("(?P<word>\\w+) (?P=word)", null);
        assertEquals(true, within(tolerance, "hello hello"));
        assertEquals(false, within(tolerance, "hello world"));
        Map<String, Object> underscores = regex("^(?P<pod_name>[a-z]+)-(?P<g1>\\d)-(?P=pod_name)$", null);
        assertEquals(true, within(underscores, "web-1-web"));
        assertEquals(false, within(underscores, "web-1-api"));
    }

    @Test
    void targetPicksTheOutputEntry() throws Exception {
        Map<String, Object> output = process(0, "Hello from the pod\n", "warning: slow");
        assertEquals(true, within(regex("^Hello", "stdout"), output));
        assertEquals(false, within(regex("^Hello", "stderr"), output));
        assertEquals(true, within(regex("slow$", "stderr"), output));
        assertEquals(true, within(regex("\"status\": ?\"UP\"", "body"), http(200, "{\"status\": \"UP\"}")));
    }

    @Test
    void noTargetOnAnOutputDictIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(regex("^Hello", null), process(0, "Hello", "")));
        assertEquals("regex tolerance needs a string, got dict; set `target` (e.g. body, stdout)", e.getMessage());
    }

    @Test
    void missingTargetEntryIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(regex("^Hello", "stdot"), process(0, "Hello", "")));
        assertEquals("regex tolerance needs a string, got dict; the probe output has no 'stdot' entry",
                e.getMessage());
    }

    @Test
    void numbersAreNotConvertedAsPythonDoesNot() {
        ToleranceException e = assertThrows(ToleranceException.class, () -> within(regex("42", null), 42L));
        assertEquals("regex tolerance needs a string, got int", e.getMessage());
        e = assertThrows(ToleranceException.class, () -> within(regex("200", "status"), http(200, "")));
        assertEquals("regex tolerance needs a string, got int", e.getMessage());
        e = assertThrows(ToleranceException.class,
                () -> within(regex("UP", "body"), http(200, json("{'status':'UP'}"))));
        assertEquals("regex tolerance needs a string, got dict", e.getMessage());
    }

    @Test
    void targetOnAPlainOutputIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(regex("ok", "stdout"), "ok"));
        assertEquals("regex tolerance target 'stdout' needs a dict probe output (http or process), got str",
                e.getMessage());
    }

    @Test
    void patternBrokenBySubstitutionIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class, () -> within(regex("(web", null), "web"));
        assertEquals("hypothesis probe tolerance pattern (web seems invalid: Unclosed group", e.getMessage());
    }
}
