package dev.chaosaction.value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's JSON. Values read are plain maps (in document order, the last of duplicate keys winning),
 * lists, strings, {@code Long}, {@code Double}, booleans and null: the shapes {@link Py} knows.
 *
 * <p>Those values are read and written with Jackson's streaming parser and generator: Jackson's databind
 * ({@link #mapper()}) would do the same, but its set-up is a tenth of a cold run. It is built only for a
 * library that asks for a mapper (json-path) or for a value that is not one of the plain shapes.
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

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_READ_DEPTH).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
            .build();

    /** Python's {@code json.dump(indent=2)}: {@code "key": value}, one item a line, {@code []} and {@code {}}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {}

    /** Jackson's databind mapper, reading numbers as {@link #parse} does; built on first use. */
    public static ObjectMapper mapper() {
        return Databind.MAPPER;
    }

    /** Parses JSON text into plain values; throws Jackson's exception (with its location) on bad JSON. */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            if (parser.nextToken() == null) {
                throw new StreamReadException(parser, "No content to map due to end-of-input");
            }
            Object value = read(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new StreamReadException(parser, "Trailing token (`JsonToken." + trailing + "`) found after value");
            }
            return value;
        }
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return out.toString();
    }

    /** Compact JSON to {@code out}, which is closed afterwards. */
    public static void write(Object value, OutputStream out) {
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
    }

    public static String pretty(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(new Pretty(), out)) {
            write(generator, value);
        }
        return out.toString();
    }

    public static void pretty(Object value, OutputStream out) {
        try (JsonGenerator generator = FACTORY.createGenerator(new Pretty(), out)) {
            write(generator, value);
        }
    }

    public static void prettyToFile(Object value, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".journal", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                pretty(value, out);
            }
            readableByAll(tmp);
            // Rename into place so a reader never sees half a journal.
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A temporary file is 0600; the journal is 0644 like any file the user would write, so that another user
     * can read it (the GitHub runner's user uploading what the action's root container wrote).
     */
    private static void readableByAll(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) return;
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The value starting at the parser's current token. Integers too big for a long are refused, as databind's. */
    private static Object read(JsonParser parser) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) list.add(read(parser));
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new StreamReadException(parser, "Unexpected token " + parser.currentToken());
        };
    }

    private static void write(JsonGenerator generator, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeName(String.valueOf(entry.getKey()));
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray();
                for (Object item : list) write(generator, item);
                generator.writeEndArray();
            }
            case Boolean b -> generator.writeBoolean(b);
            case Long l -> generator.writeNumber(l);
            case Integer i -> generator.writeNumber(i);
            case Double d -> generator.writeNumber(d);
            case Float f -> generator.writeNumber(f);
            case BigInteger b -> generator.writeNumber(b);
            case BigDecimal d -> generator.writeNumber(d);
            default -> mapper().writeValue(generator, value);
        }
    }

    /** Hands the pretty printer to each generator (it keeps the indentation level, so one per document). */
    private static final class Pretty extends ObjectWriteContext.Base {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return PRETTY.createInstance();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }

    private static final class Databind {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    }
}
