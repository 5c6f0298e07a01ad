package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.http;
import static dev.chaosaction.tolerance.Outputs.json;
import static dev.chaosaction.tolerance.Outputs.process;
import static dev.chaosaction.tolerance.Outputs.tolerance;
import static dev.chaosaction.tolerance.Outputs.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathToleranceTest {
    /** What a pod-listing probe returns: pods with a readiness flag, one without it. */
    private static final Object PODS = json("""
            {'namespace': 'shop', 'pods': [
              {'name': 'web-1', 'ready': true, 'restarts': 0, 'labels': {'app': 'web'}},
              {'name': 'web-2', 'ready': false, 'restarts': 4, 'labels': {'app': 'web'}},
              {'name': 'web-3', 'ready': true, 'restarts': 1, 'labels': {'app': 'web'}},
              {'name': 'db-1', 'restarts': 0, 'labels': {'app': 'db'}}
            ]}""");

    /** The health check written for Chaos Toolkit: the http body's {@code status} must be "UP". */
    private static final Map<String, Object> HEALTH =
            tolerance("{'type':'jsonpath','path':'$.status','expect':'UP','target':'body'}");

    @Test
    void healthCheckOnAParsedBody() throws Exception {
        assertTrue(within(HEALTH, http(200, json("{'status':'UP','checks':[]}"))));
        assertFalse(within(HEALTH, http(200, json("{'status':'DOWN'}"))));
        assertFalse(within(HEALTH, http(200, json("{'state':'UP'}"))));
    }

    @Test
    void healthCheckOnAJsonStringBody() throws Exception {
        assertTrue(within(HEALTH, http(200, "{\"status\": \"UP\"}")));
        assertFalse(within(HEALTH, http(503, "{\"status\": \"DOWN\"}")));
    }

    @Test
    void nonJsonStringIsSearchedAsAString() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$','expect':'plain text','target':'body'}"),
                http(200, "plain text")));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.status','target':'body'}"),
                http(200, "status: UP")));
    }

    @Test
    void stdoutOfAProcessIsParsed() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.items[*]','count':2,'target':'stdout'}"),
                process(0, "{\"items\": [1, 2]}\n", "")));
    }

    @Test
    void metWhenSomethingIsFound() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[*].name'}"), PODS));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.namespace'}"), PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.deployments[*]'}"), PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.deployments'}"), PODS));
    }

    @Test
    void nullIsAValueFound() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.phase'}"), json("{'phase': null}")));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$','expect':null}"), null));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.phase'}"), null));
    }

    @Test
    void countIsTheNumberOfValuesFound() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[*]','count':4}"), PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.pods[*]','count':3}"), PODS));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.jobs[*]','count':0}"), PODS));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods','count':1}"), PODS),
                "a list found is one value");
    }

    @Test
    void expectListIsTheValuesFoundInOrder() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[*].restarts','expect':[0, 4, 1, 0]}"),
                PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.pods[*].restarts','expect':[0, 0, 1, 4]}"),
                PODS));
    }

    @Test
    void expectScalarIsTheOnlyValueFound() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[0].name','expect':'web-1'}"), PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.pods[*].name','expect':'web-1'}"), PODS),
                "four values are not [expect]");
    }

    @Test
    void expectEmptyListIsMetWhenNothingIsFound() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[?(@.restarts > 5)]','expect':[]}"), PODS));
        assertFalse(within(tolerance("{'type':'jsonpath','path':'$.pods[?(@.restarts > 3)]','expect':[]}"), PODS));
    }

    @Test
    void expectOverridesCount() throws Exception {
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.pods[*].name','count':1,"
                + "'expect':['web-1','web-2','web-3','db-1']}"), PODS));
    }

    @Test
    void jsonpath2FilterOnTheCurrentNode() throws Exception {
        assertTrue(within(tolerance(
                "{'type':'jsonpath','path':'$.pods[*][?(@.ready = true)].name','expect':['web-1','web-3']}"), PODS));
        assertTrue(within(tolerance(
                "{'type':'jsonpath','path':'$.pods.*[?(@.ready = false)].name','expect':'web-2'}"), PODS));
        assertTrue(within(tolerance("{'type':'jsonpath','path':"
                + "'$.pods[*][?(@.labels.app = \\'web\\' and not @.ready = true)].name','expect':['web-2']}"), PODS));
    }

    @Test
    void jaywayFiltersWorkToo() throws Exception {
        assertTrue(within(tolerance(
                "{'type':'jsonpath','path':'$.pods[?(@.ready == true)].name','expect':['web-1','web-3']}"), PODS));
        assertTrue(within(tolerance(
                "{'type':'jsonpath','path':'$.pods[?(@.restarts >= 1 && @.ready)].name','expect':['web-2','web-3']}"),
                PODS));
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 3);
        spec.put("ratio", 0.5f);
        Map<String, Object> deployment = Map.of("spec", spec, "items", List.of(Map.of("n", 3), Map.of("n", 4L)));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.spec.replicas','expect':3}"), deployment));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.spec.ratio','expect':0.5}"), deployment));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.spec.replicas','expect':3.0}"), deployment));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.items[*][?(@.n = 3)].n','count':1}"), deployment));
        assertTrue(within(tolerance("{'type':'jsonpath','path':'$.items[?(@.n >= 3)]','count':2}"), deployment));
    }

    @Test
    void targetOnAPlainOutputIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(tolerance("{'type':'jsonpath','path':'$.a','target':'body'}"), "{\"a\": 1}"));
        assertEquals("jsonpath tolerance target 'body' needs a dict probe output (http or process), got str",
                e.getMessage());
    }

    @Test
    void pathBrokenBySubstitutionIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(tolerance("{'type':'jsonpath','path':'status'}"), PODS));
        assertEquals("hypothesis probe tolerance JSON path status is invalid: it must start with `$`",
                e.getMessage());
    }

    @Test
    void pathThatCannotBeEvaluatedIsAClearError() {
        ToleranceException e = assertThrows(ToleranceException.class,
                () -> within(tolerance("{'type':'jsonpath','path':'$.restarts.avg()'}"), json("{'restarts': 3}")));
        assertEquals("jsonpath tolerance could not evaluate $['restarts'].avg(): Aggregation function attempted to"
                + " calculate value using empty array", e.getMessage());
    }

    /**
     * A path over a parsed body, with a filter, builds no Jackson databind (some 660 classes at a run's start):
     * checked in a fresh JVM, since this one's other tests may have built it.
     */
    @Test
    void aPathOverAParsedBodyLoadsNoDatabind(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path log = dir.resolve("classes.log");
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Evaluate.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        assertEquals("true false true", out.strip());
        String classes = java.nio.file.Files.readString(log);
        assertTrue(classes.contains("com.jayway.jsonpath.JsonPath "), "json-path was used");
        assertFalse(classes.contains("tools.jackson.databind.ObjectMapper "), "databind was built");
    }

    /** The child of {@link #aPathOverAParsedBodyLoadsNoDatabind}: prints what three tolerances say. */
    static final class Evaluate {
        public static void main(String[] args) throws Exception {
            Object body = dev.chaosaction.value.Json.parse("{\"status\": \"UP\", \"pods\": [{\"name\": \"a\", \"ready\": true}]}");
            Map<String, Object> up = new LinkedHashMap<>(Map.of("type", "jsonpath", "path", "$.status", "expect", "UP"));
            Map<String, Object> down = new LinkedHashMap<>(Map.of("type", "jsonpath", "path", "$.status", "expect", "DOWN"));
            Map<String, Object> ready = new LinkedHashMap<>(Map.of("type", "jsonpath",
                    "path", "$.pods[?(@.ready == true)].name", "expect", List.of("a")));
            System.out.println(Tolerances.within(up, body, null) + " " + Tolerances.within(down, body, null) + " "
                    + Tolerances.within(ready, body, null));
        }
    }
}
