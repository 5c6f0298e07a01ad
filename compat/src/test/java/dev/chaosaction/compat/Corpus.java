package dev.chaosaction.compat;

import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cases: every file of {@code examples/}, the hand-written files of {@code compat/corpus/} and the
 * generated families of {@link Generated}.
 *
 * <p>A corpus file is either an experiment ({@code .json}, {@code .yaml}, {@code .yml}), run as it is, or a
 * {@code .case.json}: {@code {"command": "run"|"validate", "args": [...], "env": {...}, "files": {...},
 * "experiment": {...} | "yaml": "..."}}. A case's id is its path under the corpus without the extension.
 */
final class Corpus {
    private Corpus() {
    }

    static List<Case> all(Path root) {
        List<Case> cases = new ArrayList<>(examples(root.resolveSibling("examples")));
        cases.addAll(files(root.resolve("corpus")));
        cases.addAll(Generated.cases());
        return cases;
    }

    /** The examples run against the sandbox, as the README shows them. */
    private static List<Case> examples(Path dir) {
        return list(dir).stream().map(f -> Case.run("examples/" + base(f), read(f))
                        .withEnv(Map.of("CHAOS_BASE_URL", "@HEALTH_BASE@")))
                .map(c -> new Case(c.id(), c.command(), c.extension(), c.experiment(), c.args(), c.env(), c.files(), true))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Case> files(Path dir) {
        List<Case> cases = new ArrayList<>();
        for (Path f : list(dir)) {
            String id = dir.relativize(f).toString().replace('\\', '/');
            String name = f.getFileName().toString();
            if (name.endsWith(".case.json")) {
                Map<String, Object> spec = (Map<String, Object>) Json.parse(read(f));
                boolean yaml = spec.containsKey("yaml");
                String text = yaml ? (String) spec.get("yaml") : Json.write(spec.get("experiment"));
                Case c = new Case(id.substring(0, id.length() - ".case.json".length()),
                        (String) spec.getOrDefault("command", "run"), yaml ? "yaml" : "json", text,
                        strings((List<Object>) spec.getOrDefault("args", List.of())),
                        stringMap((Map<String, Object>) spec.getOrDefault("env", Map.of())),
                        stringMap((Map<String, Object>) spec.getOrDefault("files", Map.of())),
                        Case.needsCluster(text));
                cases.add(c);
            } else {
                String ext = name.substring(name.lastIndexOf('.') + 1);
                Case c = Case.run(id.substring(0, id.lastIndexOf('.')), read(f));
                cases.add(new Case(c.id(), "run", ext, c.experiment(), c.args(), c.env(), c.files(), c.cluster()));
            }
        }
        return cases;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(json|yaml|yml)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base(Path f) {
        String name = f.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Map<String, Object> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof String s ? s : Json.write(v)));
        return out;
    }
}
