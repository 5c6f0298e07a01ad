package dev.chaosaction.config;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's {@code --var key[:type]=value} and {@code --var-file F} (CTK's {@code convert_vars} and
 * {@code merge_vars}). Mistakes are {@link IllegalArgumentException}s with a message fit for a usage error.
 */
public final class Vars {
    private Vars() {}

    /** Var files in order (later wins), then the {@code --var} values, which win over every file. */
    public static Overrides load(List<Path> varFiles, List<String> vars) {
        Overrides files = varFiles.stream().map(VarFile::read).reduce(Overrides.NONE, Overrides::then);
        return files.then(fromVars(vars));
    }

    /** {@code --var} values, all configuration; a later value for the same name wins. */
    public static Overrides fromVars(List<String> specs) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        for (String spec : specs) {
            Map.Entry<String, Object> var = parse(spec);
            configuration.put(var.getKey(), var.getValue());
        }
        return new Overrides(configuration, Map.of(), Map.of());
    }

    /**
     * One {@code key[:type]=value}: the type (after the last colon before {@code =}) is one {@link EnvValue} knows.
     * Messages never repeat the value, which may be a secret.
     */
    public static Map.Entry<String, Object> parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("--var needs the form name[:type]=value (no '=' found)");
        String name = spec.substring(0, eq);
        String type = null;
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            type = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (name.isEmpty()) throw new IllegalArgumentException("--var needs the form name[:type]=value (no name)");
        try {
            // SimpleImmutableEntry, not Map.entry: a json value may be null.
            return new AbstractMap.SimpleImmutableEntry<>(name, EnvValue.convert(spec.substring(eq + 1), type));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--var " + name + ": " + e.getMessage());
        }
    }
}
