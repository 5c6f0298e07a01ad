package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerFilesTest {
    @TempDir
    Path temp;

    @Test
    void outputsAreAppendedInTheMultiLineFormSoNoValueCanForgeAnother() throws Exception {
        Path file = temp.resolve("set_output");
        Files.writeString(file, "earlier<<EOF\nkept\nEOF\n");
        Map<Output, String> values = new EnumMap<>(Output.class);
        values.put(Output.STATUS, "completed\nrun-id=forged\nghadelimiter_not-the-one");
        values.put(Output.RUN_ID, "");
        new RunnerFiles(Map.of("GITHUB_OUTPUT", file.toString())).outputs(values);

        String text = Files.readString(file);
        assertTrue(text.startsWith("earlier<<EOF\nkept\nEOF\nstatus<<ghadelimiter_"), text);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("status", "completed\nrun-id=forged\nghadelimiter_not-the-one");
        expected.put("run-id", "");
        assertEquals(expected, ActionProcess.outputs(text.substring("earlier<<EOF\nkept\nEOF\n".length())));
    }

    @Test
    void theSummaryIsAppendedAndEndsWithANewline() throws Exception {
        Path file = temp.resolve("summary");
        RunnerFiles files = new RunnerFiles(Map.of("GITHUB_STEP_SUMMARY", file.toString()));
        files.summary("# one");
        files.summary("# two\n");
        assertEquals("# one\n# two\n", Files.readString(file));
    }

    @Test
    void outsideTheRunnerNothingIsWritten() throws Exception {
        new RunnerFiles(Map.of()).summary("# nowhere");
        new RunnerFiles(Map.of("GITHUB_OUTPUT", "")).outputs(Map.of(Output.STATUS, "completed"));
        try (var files = Files.list(temp)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
