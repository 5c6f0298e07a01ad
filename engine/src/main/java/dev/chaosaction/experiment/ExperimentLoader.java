package dev.chaosaction.experiment;

import dev.chaosaction.value.Json;
import dev.chaosaction.value.Yaml;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads an experiment document. Like Chaos Toolkit, the file extension chooses the format (.json, .yaml,
 * .yml); unlike it, every failure is a {@link InvalidExperimentException} with a readable message.
 */
public final class ExperimentLoader {
    /** Experiments are small; anything bigger is a mistake or an attack. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    public enum Format { JSON, YAML }

    private ExperimentLoader() {}

    public static Map<String, Object> load(Path file) throws InvalidExperimentException {
        Format format = formatOf(file.getFileName().toString());
        return parse(read(file), format);
    }

    /** The format for a file name, or an error naming the supported extensions. */
    public static Format formatOf(String fileName) throws InvalidExperimentException {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) return Format.JSON;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return Format.YAML;
        throw new InvalidExperimentException("", "unsupported experiment file '" + fileName
                + "': use a .json, .yaml or .yml file");
    }

    public static Map<String, Object> parse(String text, Format format) throws InvalidExperimentException {
        if (text.length() > MAX_BYTES) {
            throw new InvalidExperimentException("", "the experiment is larger than " + MAX_BYTES + " bytes");
        }
        Object document = format == Format.JSON ? parseJson(text) : parseYaml(text);
        return asExperiment(document);
    }

    /** An already-parsed document (a Lambda payload, say) must still be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asExperiment(Object document) throws InvalidExperimentException {
        if (document instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new InvalidExperimentException("", document == null
                ? "an empty experiment is not an experiment"
                : "an experiment must be an object, not " + dev.chaosaction.value.Py.typeName(document));
    }

    private static String read(Path file) throws InvalidExperimentException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidExperimentException("", "'" + file + "' is larger than " + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new InvalidExperimentException("", "Path \"" + file + "\" does not exist.");
        } catch (CharacterCodingException e) {
            throw new InvalidExperimentException("", "'" + file + "' is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidExperimentException("", "cannot read '" + file + "': " + e.getMessage());
        }
    }

    private static Object parseJson(String text) throws InvalidExperimentException {
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidExperimentException("", "invalid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static Object parseYaml(String text) throws InvalidExperimentException {
        try {
            return Yaml.parse(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new InvalidExperimentException("", "invalid YAML" + where + ": " + e.getProblem());
        } catch (RuntimeException e) {
            // SnakeYAML's limits (aliases, depth, size) raise plain YAMLExceptions.
            throw new InvalidExperimentException("", "invalid YAML: " + e.getMessage());
        }
    }
}
