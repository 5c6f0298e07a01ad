package dev.chaosaction.tolerance;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import com.jayway.jsonpath.spi.json.Jackson3JsonProvider;
import com.jayway.jsonpath.spi.mapper.Jackson3MappingProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import dev.chaosaction.value.Json;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Supplier;

/**
 * json-path over the plain maps and lists outputs are made of (their Long/Double values kept), as Jackson 3's
 * provider reads them, without building Jackson databind for it: a path walks maps and lists, which needs no
 * databind (building it loads some 660 classes, a tenth of a one-probe run). Only text to parse (a JSON literal
 * in a filter), a value to print or a path function's typed mapping builds Jackson 3's providers, and they do
 * the work, so the answers are theirs.
 */
final class PlainJsonProvider extends AbstractJsonProvider {
    private static final Lazy<Jackson3JsonProvider> JACKSON = new Lazy<>(() -> new Jackson3JsonProvider(Json.mapper()));

    static Configuration configuration() {
        return Configuration.builder().jsonProvider(new PlainJsonProvider()).mappingProvider(new Mapping()).build();
    }

    @Override
    public Object parse(String json) throws InvalidJsonException {
        return JACKSON.get().parse(json);
    }

    @Override
    public Object parse(byte[] json) throws InvalidJsonException {
        return JACKSON.get().parse(json);
    }

    @Override
    public Object parse(InputStream json, String charset) throws InvalidJsonException {
        return JACKSON.get().parse(json, charset);
    }

    @Override
    public String toJson(Object value) {
        return JACKSON.get().toJson(value);
    }

    /** What Jackson 3's provider makes. */
    @Override
    public List<Object> createArray() {
        return new LinkedList<>();
    }

    @Override
    public Object createMap() {
        return new LinkedHashMap<String, Object>();
    }

    /** Jackson 3's mapping, built on first use. */
    private static final class Mapping implements MappingProvider {
        private static final Lazy<Jackson3MappingProvider> MAPPING =
                new Lazy<>(() -> new Jackson3MappingProvider(Json.mapper()));

        @Override
        public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
            return MAPPING.get().map(source, targetType, configuration);
        }

        @Override
        public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
            return MAPPING.get().map(source, targetType, configuration);
        }
    }

    /** A value made on first use, once. */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = make.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
