package dev.chaosaction.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments written to hurt the runner: each is refused with a message that says why, or bounded, before it
 * costs more than a small document should. Every message is asserted in full.
 */
class HostileInputTest {
    private static final long MAX = ExperimentLoader.MAX_BYTES;

    @TempDir
    Path dir;

    private static String message(InvalidExperimentException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("", e.problems().getFirst().path());
        return e.problems().getFirst().message();
    }

    private static String refusedJson(String text) {
        return message(assertThrows(InvalidExperimentException.class,
                () -> ExperimentLoader.parse(text, ExperimentLoader.Format.JSON)));
    }

    private static String refusedYaml(String text) {
        return message(assertThrows(InvalidExperimentException.class,
                () -> ExperimentLoader.parse(text, ExperimentLoader.Format.YAML)));
    }

    /** A valid experiment padded with a description until it is {@code size} bytes long. */
    private static String padded(long size, String format) {
        String head = format.equals("json") ? "{\"title\": \"t\", \"method\": [], \"description\": \""
                : "title: t\nmethod: []\ndescription: \"";
        String tail = format.equals("json") ? "\"}" : "\"\n";
        return head + "x".repeat((int) (size - head.length() - tail.length())) + tail;
    }

    @Test
    void aDocumentJustOverTheCapIsRefusedBeforeItIsParsedAndOneAtTheCapLoads() throws Exception {
        for (String format : List.of("json", "yaml")) {
            Path over = Files.writeString(dir.resolve("over." + format), padded(MAX + 1, format));
            var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(over));
            assertEquals("'" + over + "' is larger than 4194304 bytes", message(e));

            Path at = Files.writeString(dir.resolve("at." + format), padded(MAX, format));
            assertEquals("t", ExperimentLoader.load(at).get("title"));
        }
        // Text handed over directly (a request body, an S3 object) meets the same cap.
        assertEquals("the experiment is larger than 4194304 bytes", refusedYaml(padded(MAX + 1, "yaml")));
        assertEquals("the experiment is larger than 4194304 bytes", refusedJson(padded(MAX + 1, "json")));
    }

    @Test
    void jsonNestedAHundredThousandDeepIsInvalidJsonNotAStackOverflow() {
        String tooDeep = "invalid JSON: Document nesting depth (501) exceeds the maximum allowed (500, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`)";
        assertEquals(tooDeep, refusedJson("[".repeat(100_000)));
        assertEquals(tooDeep, refusedJson("{\"a\": ".repeat(100_000)));
    }

    @Test
    void yamlNestedAHundredThousandDeepIsInvalidYaml() {
        assertEquals("invalid YAML: Nesting Depth exceeded max 100", refusedYaml("[".repeat(100_000)));
        assertEquals("invalid YAML: Nesting Depth exceeded max 100", refusedYaml("- ".repeat(100_000) + "x"));
    }

    @Test
    void theBillionLaughsStopAtTheAliasLimit() {
        StringBuilder bomb = new StringBuilder("a: &a [" + String.join(",", Collections.nCopies(9, "\"lol\"")) + "]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", Collections.nCopies(9, previous))).append("]\n");
        }
        assertEquals("invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50",
                refusedYaml(bomb.toString()));
    }

    @Test
    void aDoublingChainWithinTheAliasLimitIsRefusedByItsExpandedSize() {
        // 24 anchors, each used twice: 48 aliases, few enough for SnakeYAML, but 2^24 lists once expanded.
        StringBuilder chain = new StringBuilder("l0: &l0 [lol]\n");
        for (int i = 1; i <= 24; i++) {
            chain.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        chain.append("title: t\nmethod: []\n");
        assertEquals("invalid YAML: the document's aliases expand it past 8388608 values and characters",
                refusedYaml(chain.toString()));
    }

    @Test
    void aLongStringAliasedManyTimesIsRefusedByItsExpandedSize() {
        String text = "s: &s \"" + "x".repeat(1_000_000) + "\"\ncopies: [" + "*s, ".repeat(20) + "]\n";
        assertTrue(text.length() < MAX);
        assertEquals("invalid YAML: the document's aliases expand it past 8388608 values and characters",
                refusedYaml(text));
    }

    @Test
    void anAnchorUsedInsideItselfIsRefusedCleanly() {
        String recursive = "invalid YAML: an anchor is used inside itself (a recursive alias such as 'a: &a [*a]'),"
                + " so the document never ends";
        assertEquals(recursive, refusedYaml("a: &a [*a]\n"));
        assertEquals(recursive, refusedYaml("a: &a\n  b: &b\n    c: [*a]\n  d: *b\n")); // through another anchor
        assertEquals(recursive, refusedYaml("title: t\nmethod: &m [{type: action, name: n, provider: {type: process,"
                + " path: 'true', arguments: [*m]}}]\n"));
        assertEquals("invalid YAML: Recursive key for mapping is detected but it is not configured to be allowed.",
                refusedYaml("? &k [*k]\n: v\n"));
    }

    @Test
    void aChainOfAnchorsNestingEachOtherIsRefusedByItsDepth() {
        StringBuilder chain = new StringBuilder("a0: &a0 [[[1]]]\n");
        for (int i = 1; i < 45; i++) chain.append("a").append(i).append(": &a").append(i).append(" [[[*a")
                .append(i - 1).append("]]]\n");
        assertEquals("invalid YAML: the document's aliases nest it deeper than 100 levels", refusedYaml(chain.toString()));
    }

    @Test
    void anchorsUsedAsPeopleUseThemStillWork() throws Exception {
        Map<String, Object> e = ExperimentLoader.parse("""
                x-http: &http {type: http, url: "http://127.0.0.1:1/health", timeout: 3}
                title: t
                method:
                  - {type: probe, name: a, provider: *http}
                  - {type: probe, name: b, provider: {<<: *http, timeout: 5}}
                """, ExperimentLoader.Format.YAML);
        assertEquals(Map.of("type", "http", "url", "http://127.0.0.1:1/health", "timeout", 5L),
                ((Map<?, ?>) ((List<?>) e.get("method")).get(1)).get("provider"));
    }

    /**
     * A document read at the nesting limit, in the experiment and as a probe's output, still gets its journal:
     * the journal wraps both a few levels deeper than they were read.
     */
    @Test
    void aDocumentAtTheNestingLimitStillGetsItsJournal() throws Exception {
        // The value sits under 5 levels (the document, method, its item, provider, arguments): all at the limit.
        int depth = Json.MAX_READ_DEPTH - 5;
        String deep = "[".repeat(depth) + "]".repeat(depth);
        String experiment = """
                {"title": "deep", "description": "d", "method": [{"type": "probe", "name": "echo-deep",
                  "provider": {"type": "python", "module": "test.fn", "func": "echo", "arguments": {"value": %s}}}]}"""
                .formatted(deep);
        Map<String, Object> document = ExperimentLoader.parse(experiment, ExperimentLoader.Format.JSON);
        assertEquals(Json.MAX_READ_DEPTH, depthOf(document));

        Engine engine = Runs.engine();
        Prepared prepared = engine.prepare(document, Overrides.NONE, true);
        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "deep");
        Map<String, Object> stored = Engine.document(prepared, journal);

        assertEquals("completed", journal.status());
        assertEquals(Json.MAX_READ_DEPTH + 1, depthOf(stored)); // run/0/activity/provider/arguments/value
        assertTrue(Json.write(stored).contains("\"arguments\":{\"value\":" + deep + "}"));
    }

    private static int depthOf(Object value) {
        return switch (value) {
            case Map<?, ?> m -> 1 + m.values().stream().mapToInt(HostileInputTest::depthOf).max().orElse(0);
            case List<?> l -> 1 + l.stream().mapToInt(HostileInputTest::depthOf).max().orElse(0);
            case null, default -> 0;
        };
    }

    @Test
    void anExperimentPathWithDotDotReadsTheFileItNames() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("e.json"), "{\"title\": \"parent\", \"method\": []}");
        // The path is the user's own choice on their own machine: resolved as written, like any command's argument.
        assertEquals("parent", ExperimentLoader.load(dir.resolve("sub/../e.json")).get("title"));
        Path missing = dir.resolve("sub/../../nowhere.json");
        var e = assertThrows(InvalidExperimentException.class, () -> ExperimentLoader.load(missing));
        assertEquals("Path \"" + missing + "\" does not exist.", message(e));
    }
}
