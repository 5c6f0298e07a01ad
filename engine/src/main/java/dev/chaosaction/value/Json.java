package dev.chaosaction.value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the engine. Values read with it are plain maps (in document order), lists,
 * strings, {@code Long}/{@code BigInteger}, {@code Double}, booleans and null: the shapes {@link Py} knows.
 */
public final class Json {
    /** How deep a document we read may nest (Jackson's default, spelled out): deeper is "invalid JSON". */
    public static final int MAX_READ_DEPTH = 500;
    /**
     * How deep we may write. Journals wrap what was read a few levels deeper (an activity under {@code run/0},
     * a probe's parsed body under {@code steady_states/before/probes/0/output/body}); with Jackson's default (the
     * same as for reading) a document read at the limit would make its journal unwritable, and the run lost.
     */
    public static final int MAX_WRITE_DEPTH = 2 * MAX_READ_DEPTH;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_READ_DEPTH).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    /** Pretty output shaped like Python's {@code json.dump(indent=2)}: {@code "key": value}, one item a line. */
    private static final ObjectWriter PRETTY = MAPPER.writer().with(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {}

    /** Parses JSON text into plain values; throws Jackson's exception (with its location) on bad JSON. */
    public static Object parse(String text) {
        return MAPPER.readValue(text, Object.class);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String pretty(Object value) {
        return PRETTY.writeValueAsString(value);
    }

    public static void pretty(Object value, OutputStream out) {
        PRETTY.writeValue(out, value);
    }

    public static void prettyToFile(Object value, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".journal", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                pretty(value, out);
            }
            // Rename into place so a reader never sees half a journal.
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
