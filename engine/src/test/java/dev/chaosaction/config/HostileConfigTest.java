package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration written to loop or to reach elsewhere: it terminates, and reaches only what it names. */
class HostileConfigTest {
    @TempDir
    Path dir;

    private static Map<String, Object> loop() {
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("a", "${b}");
        lookup.put("b", "${a}");
        return lookup;
    }

    /**
     * Python: {@code Template("${a} and ${b}").safe_substitute(a="${b}", b="${a}")} is {@code "${b} and ${a}"}: one
     * pass, a substituted value is never looked at again. CTK's typed shortcut gives {@code a}'s value as it is.
     */
    @Test
    void aSubstitutionLoopIsOnePassLikePythonsTemplate() {
        assertEquals("${b} and ${a}", Substitution.substitute("${a} and ${b}", loop()));
        assertEquals("${b}", Substitution.substitute("${a}", loop()));
        assertEquals(List.of("${a}", Map.of("k", "$b")), Substitution.substitute(List.of("${b}", Map.of("k", "$$b")),
                loop()));
    }

    @Test
    void anExperimentWhoseConfigurationLoopsRunsToItsEnd() {
        Journal journal = Runs.run("""
                {"title": "loop ${a}", "description": "d", "configuration": {"a": "${b}", "b": "${a}"},
                 "method": [{"type": "probe", "name": "echo", "provider": {"type": "python", "module": "test.fn",
                   "func": "echo", "arguments": {"value": "${a} then ${b}"}}}]}""", RunSettings.DEFAULTS);

        assertEquals("completed", journal.status());
        assertEquals("${b} then ${a}", journal.run().getFirst().output());
        assertEquals("loop ${b}", journal.experiment().get("title"));
    }

    /**
     * A var file is named on the command line by whoever runs it, on their own machine: its path is used as
     * written, {@code ..} included, like any command's file argument. It reads that one file and nothing else.
     */
    @Test
    void aVarFilePathWithDotDotReadsTheFileItNames() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("vars.json"), "{\"configuration\": {\"ns\": \"shop\"}}");

        Overrides overrides = Vars.load(List.of(dir.resolve("run/../vars.json")), List.of());

        assertEquals(Map.of("ns", "shop"), overrides.configuration());
        Path missing = dir.resolve("run/../../absent.env");
        var e = assertThrows(IllegalArgumentException.class, () -> Vars.load(List.of(missing), List.of()));
        assertEquals("cannot read var file '" + missing + "': no such file", e.getMessage());
    }
}
