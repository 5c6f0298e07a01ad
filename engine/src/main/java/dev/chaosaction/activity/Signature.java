package dev.chaosaction.activity;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python signature a native function mirrors, so that arguments bind, and fail to bind, as they would
 * in {@code func(**arguments)}, and what calling it does to the system ({@link Effect}).
 *
 * @param returns the return annotation as Chaos Toolkit's discovery names it ({@code boolean}, {@code integer},
 *                {@code list}, {@code mapping}, {@code object}), null when the function declares none
 */
public record Signature(String module, String func, List<Param> params, Effect effect, String returns) {

    /**
     * What a call does. Whether an activity changes things is decided by its function, not by the type it is
     * declared with: dry runs skip, and namespace locks cover, every function that {@link #mutates}.
     */
    public enum Effect {
        /** Reads the system's state. */
        READS("reads the system's state"),
        /** Reads what workloads wrote (logs): the system's data, not only its state. */
        READS_CONTENTS("reads what pods write"),
        /** Changes the system (deletes, scales, cordons, drains). */
        CHANGES("changes the system"),
        /** Runs commands inside workloads: changes anything and reads anything. */
        EXECUTES("runs commands in pods");

        private final String description;

        Effect(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** A function of a {@code *.actions} module changes things; any other only reads. */
        public static Effect ofModule(String module) {
            return module.endsWith(".actions") ? CHANGES : READS;
        }
    }

    public Signature(String module, String func, List<Param> params) {
        this(module, func, params, Effect.ofModule(module), null);
    }

    /** Whether the function is declared to return a boolean. */
    public boolean returnsBoolean() {
        return "boolean".equals(returns);
    }

    /** Whether calling it changes the system: every {@code *.actions} function, and the mutating ones elsewhere. */
    public boolean mutates() {
        return effect == Effect.CHANGES || effect == Effect.EXECUTES || module.endsWith(".actions");
    }

    /** Whether what it returns may be the system's data (logs, command output) rather than its state. */
    public boolean sensitive() {
        return effect == Effect.READS_CONTENTS || effect == Effect.EXECUTES;
    }

    /** Binding problems, Chaos Toolkit's messages first (missing required, unknown keyword), then types. */
    public List<Problem> bind(Map<String, Object> arguments, String argumentsPath, boolean substitutedLater) {
        List<Problem> problems = new ArrayList<>();
        for (Param p : params) {
            if (p.required() && !arguments.containsKey(p.name())) {
                problems.add(new Problem(argumentsPath,
                        "required argument '" + p.name() + "' is missing from activity '" + func + "'"));
            }
        }
        for (Map.Entry<String, Object> arg : arguments.entrySet()) {
            Param p = param(arg.getKey());
            String path = Problem.child(argumentsPath, arg.getKey());
            if (p == null) {
                problems.add(new Problem(path, "argument '" + arg.getKey()
                        + "' is not part of the function signature in activity '" + func + "'"));
            } else if (!fits(p, arg.getValue(), substitutedLater)) {
                problems.add(new Problem(path, "argument '" + p.name() + "' of '" + func + "' must be "
                        + (arg.getValue() instanceof String s && p.type() == Param.Type.NAME
                                ? "a name, one segment of a URL path, and " + Param.Type.notAName(s)
                                : p.type().pythonName() + ", not " + Py.typeName(arg.getValue()))));
            }
        }
        return problems;
    }

    /** The arguments with every missing optional parameter set to its default. */
    public Map<String, Object> withDefaults(Map<String, Object> arguments) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Param p : params) all.put(p.name(), arguments.getOrDefault(p.name(), p.defaultValue()));
        return all;
    }

    public Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }

    public String qualifiedName() {
        return module + "." + func;
    }

    private static boolean fits(Param p, Object value, boolean substitutedLater) {
        // None binds to an optional parameter, except to a name whose default is one (a namespace: None there
        // reaches no API, Chaos Toolkit's client raises a ValueError for it).
        if (value == null) {
            return p.type() == Param.Type.ANY
                    || !p.required() && !(p.type() == Param.Type.NAME && p.defaultValue() != null);
        }
        // A "${name}" placeholder takes its type at run time; check it again after substitution.
        if (substitutedLater && value instanceof String s && s.contains("$")) return true;
        return p.type().accepts(value);
    }
}
