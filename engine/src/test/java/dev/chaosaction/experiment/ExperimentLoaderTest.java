package dev.chaosaction.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String message(InvalidExperimentException e) {
        return e.problems().getFirst().message();
    }

    @Test
    void jsonKeepsDocumentOrderAndIntegersAreLongs() throws Exception {
        Map<String, Object> e = ExperimentLoader.load(write("e.json", "{\"title\": \"t\", \"a\": 1, \"b\": 1.5}"));
        assertEquals(List.of("title", "a", "b"), List.copyOf(e.keySet()));
        assertEquals(1L, e.get("a"));
        assertEquals(1.5, e.get("b"));
    }

    @Test
    void yamlIsReadAsYaml11LikePyYaml() throws Exception {
        Map<String, Object> e = ExperimentLoader.load(write("e.yaml", """
                title: t
                verify: off
                enabled: yes
                quoted: "on"
                count: 3
                ratio: 1.5
                nothing: ~
                """));
        assertEquals(Boolean.FALSE, e.get("verify"));
        assertEquals(Boolean.TRUE, e.get("enabled"));
        assertEquals("on", e.get("quoted"));
        assertEquals(3L, e.get("count"));
        assertEquals(1.5, e.get("ratio"));
        assertTrue(e.containsKey("nothing") && e.get("nothing") == null);
    }

    @Test
    void aMissingFileSaysSoAsChaosToolkitDoes() {
        Path missing = dir.resolve("nope.json");
        var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(missing));
        assertEquals("Path \"" + missing + "\" does not exist.", message(e));
    }

    @Test
    void badJsonNamesTheLineAndColumn() throws Exception {
        var e = assertThrows(InvalidExperimentException.class,
                () -> ExperimentLoader.load(write("e.json", "{\n  \"title\": \"t\",,\n}")));
        assertTrue(message(e).startsWith("invalid JSON at line 2, column 16"), message(e));
    }

    @Test
    void badYamlNamesTheLine() throws Exception {
        var e = assertThrows(InvalidExperimentException.class,
                () -> ExperimentLoader.load(write("e.yml", "title: t\n  bad: [\n")));
        assertTrue(message(e).startsWith("invalid YAML at line "), message(e));
    }

    @Test
    void otherExtensionsAreRefused() throws Exception {
        var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(write("e.txt", "{}")));
        assertEquals("unsupported experiment file 'e.txt': use a .json, .yaml or .yml file", message(e));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() throws Exception {
        var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(write("e.json", "[1]")));
        assertEquals("an experiment must be an object, not list", message(e));
    }

    @Test
    void aYamlAliasBombIsRefused() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(write("e.yaml", bomb.toString())));
        assertTrue(message(e).startsWith("invalid YAML"), message(e));
    }
}
