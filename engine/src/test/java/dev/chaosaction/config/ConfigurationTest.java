package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    private static List<Problem> problems(String configuration, Map<String, String> env) {
        return assertThrows(InvalidExperimentException.class, () -> Configuration.load(json(configuration), env))
                .problems();
    }

    @Test
    void valuesWithoutAnEnvTypeAreKeptAsWritten() throws Exception {
        Map<String, Object> raw = json("""
                {"s": "text", "n": 3, "l": [1, {"type": "env", "key": "NOT_RESOLVED_IN_LISTS"}],
                 "m": {"a": 1}, "other": {"type": "vault-ish", "x": 1},
                 "dyn": {"type": "probe", "name": "p", "provider": {"type": "process", "path": "echo"}}}
                """);

        Map<String, Object> loaded = Configuration.load(raw, Map.of());

        assertEquals(raw, loaded);
        assertEquals(List.copyOf(raw.keySet()), List.copyOf(loaded.keySet()));
        assertSame(raw.get("dyn"), loaded.get("dyn"), "dynamic configuration is left to the runner");
    }

    @Test
    void envEntriesReadTheEnvironmentAndFallBackToTheirDefault() throws Exception {
        Map<String, Object> loaded = Configuration.load(json("""
                {"host": {"type": "env", "key": "HOST", "default": "localhost"},
                 "token": {"type": "env", "key": "TOKEN"},
                 "region": {"type": "env", "key": "REGION", "default": "eu-west-1"},
                 "empty": {"type": "env", "key": "EMPTY"},
                 "maybe": {"type": "env", "key": "MAYBE", "default": null},
                 "typedDefault": {"type": "env", "key": "PORT", "default": 8080, "env_var_type": "str"},
                 "textDefault": {"type": "env", "key": "PORT", "default": "8080", "env_var_type": "int"}}
                """), Map.of("TOKEN", "abc", "REGION", "us-east-1", "EMPTY", ""));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("host", "localhost");
        expected.put("token", "abc");
        expected.put("region", "us-east-1");
        expected.put("empty", "");
        expected.put("maybe", null);
        expected.put("typedDefault", 8080L);
        expected.put("textDefault", 8080L);
        assertEquals(expected, loaded);
        assertTrue(loaded.containsKey("maybe"));
    }

    @Test
    void envVarTypeConvertsTheVariable() throws Exception {
        Map<String, Object> loaded = Configuration.load(json("""
                {"s": {"type": "env", "key": "V_STR", "env_var_type": "str"},
                 "str2": {"type": "env", "key": "V_STR", "env_var_type": "string"},
                 "i": {"type": "env", "key": "V_INT", "env_var_type": "int"},
                 "i2": {"type": "env", "key": "V_INT", "env_var_type": "integer"},
                 "f": {"type": "env", "key": "V_FLOAT", "env_var_type": "float"},
                 "f2": {"type": "env", "key": "V_INT", "env_var_type": "number"},
                 "by": {"type": "env", "key": "V_STR", "env_var_type": "bytes"},
                 "no": {"type": "env", "key": "V_NO", "env_var_type": "bool"},
                 "yes": {"type": "env", "key": "V_STR", "env_var_type": "bool"},
                 "j": {"type": "env", "key": "V_JSON", "env_var_type": "json"},
                 "untyped": {"type": "env", "key": "V_INT", "env_var_type": null}}
                """), Map.of("V_STR", "hello", "V_INT", "12", "V_FLOAT", "1.25", "V_NO", "No",
                "V_JSON", "{\"ns\": [\"a\", \"b\"]}"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "hello");
        expected.put("str2", "hello");
        expected.put("i", 12L);
        expected.put("i2", 12L);
        expected.put("f", 1.25);
        expected.put("f2", 12.0);
        expected.put("by", "hello");
        expected.put("no", false);
        expected.put("yes", true);
        expected.put("j", Map.of("ns", List.of("a", "b")));
        expected.put("untyped", "12");
        assertEquals(expected, loaded);
    }

    @Test
    void everyMissingVariableIsReportedAtItsPathWithCtkWords() {
        List<Problem> problems = problems("""
                {"ok": {"type": "env", "key": "SET"},
                 "a": {"type": "env", "key": "MISSING_A"},
                 "b/c": {"type": "env", "key": "MISSING_B", "env_var_type": "int"}}
                """, Map.of("SET", "1"));

        assertEquals(List.of(
                new Problem("/configuration/a",
                        "Configuration makes reference to an environment key that does not exist: MISSING_A"),
                new Problem("/configuration/b~1c",
                        "Configuration makes reference to an environment key that does not exist: MISSING_B")),
                problems);
    }

    @Test
    void badTypesValuesAndKeysAreProblemsNotCrashes() {
        List<Problem> problems = problems("""
                {"t": {"type": "env", "key": "V", "env_var_type": "list"},
                 "t2": {"type": "env", "key": "V", "env_var_type": 5},
                 "port": {"type": "env", "key": "V", "env_var_type": "int"},
                 "limit": {"type": "env", "key": "NONE", "default": "many", "env_var_type": "int"},
                 "nokey": {"type": "env"}}
                """, Map.of("V", "not-a-number"));

        assertEquals(List.of(
                new Problem("/configuration/t/env_var_type",
                        "unsupported type 'list': the type can only be bool, str, int, float, bytes or json"),
                new Problem("/configuration/t2/env_var_type",
                        "unsupported type '5': the type can only be bool, str, int, float, bytes or json"),
                new Problem("/configuration/port", "environment variable V: the value is not a valid int"),
                new Problem("/configuration/limit", "the default: the value is not a valid int"),
                new Problem("/configuration/nokey/key",
                        "an env definition needs a 'key' naming the environment variable")),
                problems);
    }

    @Test
    void noConfigurationIsAnEmptyOne() throws Exception {
        assertEquals(Map.of(), Configuration.load(null, Map.of()));
    }

    @Test
    void theEnvironmentMapIsAllThatIsRead() {
        // PATH is set in every process environment; only the map passed in counts.
        List<Problem> problems = problems("{\"p\": {\"type\": \"env\", \"key\": \"PATH\"}}", Map.of());
        assertEquals(1, problems.size());
        assertEquals("/configuration/p", problems.getFirst().path());
    }

    @Test
    void theInputIsNotModified() throws Exception {
        Map<String, Object> raw = json("{\"h\": {\"type\": \"env\", \"key\": \"H\"}}");
        Configuration.load(raw, Map.of("H", "x"));
        assertEquals(json("{\"h\": {\"type\": \"env\", \"key\": \"H\"}}"), raw);
        assertNull(Configuration.load(json("{\"h\": null}"), Map.of()).get("h"));
    }
}
