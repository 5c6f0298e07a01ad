package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    private static final String EXPERIMENT = """
            {"title": "t",
             "configuration": {"ns": "default", "port": {"type": "env", "key": "PORT"}, "keep": 1},
             "secrets": {"k8s": {"token": "old", "user": "old"}, "other": {"x": "y"}},
             "method": []}
            """;

    @Test
    void applyToReplacesWholeDefinitionsAndScopesAndAddsUndeclaredOnes() {
        Overrides overrides = new Overrides(
                Map.of("port", 9090L, "extra", "added"),
                Map.of("k8s", Map.of("token", "new"), "fresh", Map.of("a", "b")),
                Map.of());
        Map<String, Object> experiment = json(EXPERIMENT);

        Map<String, Object> applied = overrides.applyTo(experiment);

        assertEquals(json("""
                {"title": "t",
                 "configuration": {"ns": "default", "port": 9090, "keep": 1, "extra": "added"},
                 "secrets": {"k8s": {"token": "new"}, "other": {"x": "y"}, "fresh": {"a": "b"}},
                 "method": []}
                """), applied);
        assertEquals(List.of("title", "configuration", "secrets", "method"), List.copyOf(applied.keySet()));
        assertEquals(json(EXPERIMENT), experiment, "the experiment itself is not modified");
    }

    @Test
    void applyToAddsSectionsOnlyWhenThereIsSomethingToAdd() {
        Map<String, Object> bare = json("{\"title\": \"t\"}");
        assertEquals(bare, Overrides.NONE.applyTo(bare));
        assertFalse(new Overrides(Map.of(), Map.of(), Map.of("A", "1")).applyTo(bare).containsKey("configuration"));
        assertEquals(json("{\"title\": \"t\", \"configuration\": {\"a\": 1}}"),
                new Overrides(Map.of("a", 1L), Map.of(), Map.of()).applyTo(bare));
    }

    @Test
    void aSectionThatIsNotAMapIsLeftForTheValidatorToReport() {
        Map<String, Object> broken = json("{\"configuration\": \"oops\", \"secrets\": [1]}");
        Overrides overrides = new Overrides(Map.of("a", 1L), Map.of("s", Map.of("k", "v")), Map.of());
        assertEquals(broken, overrides.applyTo(broken));
    }

    @Test
    void dotEnvVariablesAreLayeredOverTheProcessEnvironmentAndResolveConfiguration() throws Exception {
        Overrides overrides = new Overrides(Map.of(), Map.of(), Map.of("PORT", "8443", "NEW", "n"));
        Map<String, String> env = overrides.environment(Map.of("PORT", "80", "HOME", "/root"));
        assertEquals(Map.of("PORT", "8443", "NEW", "n", "HOME", "/root"), env);

        Map<String, Object> experiment = overrides.applyTo(json(EXPERIMENT));
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = Configuration.load((Map<String, Object>) experiment.get("configuration"), env);
        assertEquals(json("{\"ns\": \"default\", \"port\": \"8443\", \"keep\": 1}"), configuration);
    }

    @Test
    void anOverriddenEnvDefinitionNoLongerNeedsItsVariable() throws Exception {
        Map<String, Object> experiment = Vars.fromVars(List.of("port:int=1")).applyTo(json(EXPERIMENT));
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) experiment.get("configuration");
        assertEquals(1L, Configuration.load(raw, Map.of()).get("port"));
    }

    @Test
    void thenLetsTheLaterOverridesWin() {
        Overrides early = new Overrides(Map.of("a", 1L, "b", 1L), Map.of("s", Map.of("x", "1", "y", "1")),
                Map.of("E", "1", "F", "1"));
        Overrides late = new Overrides(Map.of("b", 2L), Map.of("s", Map.of("x", "2")), Map.of("F", "2"));

        Overrides merged = early.then(late);

        assertEquals(new Overrides(Map.of("a", 1L, "b", 2L), Map.of("s", Map.of("x", "2")),
                Map.of("E", "1", "F", "2")), merged);
    }
}
