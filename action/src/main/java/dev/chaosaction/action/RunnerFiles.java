package dev.chaosaction.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * The files the runner reads back after the step: {@code $GITHUB_OUTPUT} and {@code $GITHUB_STEP_SUMMARY}.
 * Both are appended to (other writers may share them); when the variable is unset (a run outside GitHub),
 * nothing is written.
 */
final class RunnerFiles {
    private final Map<String, String> env;

    RunnerFiles(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Every output in the multi-line form {@code name<<DELIM}, value, {@code DELIM}, with a random delimiter
     * that the value cannot contain: no value can end the block early or forge another output.
     */
    void outputs(Map<Output, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((output, value) -> {
            String delimiter = delimiter(value);
            text.append(output.id()).append("<<").append(delimiter).append('\n')
                    .append(value).append('\n').append(delimiter).append('\n');
        });
        append("GITHUB_OUTPUT", text.toString());
    }

    void summary(String markdown) throws IOException {
        append("GITHUB_STEP_SUMMARY", markdown.endsWith("\n") ? markdown : markdown + "\n");
    }

    private static String delimiter(String value) {
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (value.contains(delimiter));
        return delimiter;
    }

    private void append(String variable, String text) throws IOException {
        String file = env.get(variable);
        if (file == null || file.isBlank()) return;
        Files.writeString(Path.of(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
