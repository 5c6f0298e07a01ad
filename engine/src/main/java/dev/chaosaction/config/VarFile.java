package dev.chaosaction.config;

import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import dev.chaosaction.value.Yaml;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@code --var-file}: {@code .json}/{@code .yaml}/{@code .yml} with top-level {@code configuration} and/or
 * {@code secrets}, or any other file (or an empty JSON/YAML document) as {@code .env} lines.
 */
final class VarFile {
    private VarFile() {}

    static Overrides read(Path file) {
        String text = text(file);
        if (text.isEmpty()) return Overrides.NONE; // CTK skips empty var files
        String name = file.getFileName().toString();
        Object data = null;
        if (name.endsWith(".json")) data = parse(file, text, Json::parse);
        else if (name.endsWith(".yaml") || name.endsWith(".yml")) data = parse(file, text, Yaml::parse);
        if (!Py.truthy(data)) return new Overrides(Map.of(), Map.of(), dotEnv(file, text));
        if (!(data instanceof Map<?, ?> map)) {
            throw invalid(file, "expected a mapping with 'configuration' and/or 'secrets', found a " + Py.typeName(data));
        }
        return new Overrides(configuration(file, map.get("configuration")), secrets(file, map.get("secrets")), Map.of());
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read var file '" + file + "': " + reason(e));
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case MalformedInputException x -> "not UTF-8 text";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static Object parse(Path file, String text, Function<String, Object> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw invalid(file, ParseErrors.describe(e));
        }
    }

    private static Map<String, Object> configuration(Path file, Object section) {
        if (section == null) return Map.of();
        if (!(section instanceof Map<?, ?> map)) throw invalid(file, "'configuration' must be a mapping");
        return stringKeys(map);
    }

    private static Map<String, Map<String, Object>> secrets(Path file, Object section) {
        if (section == null) return Map.of();
        if (!(section instanceof Map<?, ?> map)) throw invalid(file, "'secrets' must be a mapping of scopes");
        Map<String, Map<String, Object>> scopes = new LinkedHashMap<>();
        map.forEach((scope, entries) -> {
            if (!(entries instanceof Map<?, ?> values)) {
                throw invalid(file, "secret scope '" + scope + "' must be a mapping");
            }
            scopes.put(String.valueOf(scope), stringKeys(values));
        });
        return scopes;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    /** {@code K=V} lines; blank lines and {@code #} comments skipped, {@code export } and matching quotes dropped. */
    private static Map<String, String> dotEnv(Path file, String text) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring("export ".length()).strip();
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (key.isEmpty()) throw invalid(file, "line " + (i + 1) + " is not KEY=VALUE");
            env.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return env;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static IllegalArgumentException invalid(Path file, String why) {
        return new IllegalArgumentException("invalid var file '" + file + "': " + why);
    }
}
