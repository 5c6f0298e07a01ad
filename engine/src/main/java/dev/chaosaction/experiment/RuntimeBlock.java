package dev.chaosaction.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The experiment's {@code runtime} block: {@code {"rollbacks": {"strategy"}, "hypothesis": {"strategy"}}}.
 * Chaos Toolkit never validates it and crashes mid-run on an unknown strategy; we check it up front.
 */
public final class RuntimeBlock {
    private RuntimeBlock() {}

    public static List<Problem> validate(Map<String, Object> runtime, String path) {
        List<Problem> problems = new ArrayList<>();
        check(runtime, "rollbacks", path, problems, RollbackStrategy::parse);
        check(runtime, "hypothesis", path, problems, HypothesisStrategy::parse);
        return problems;
    }

    /** The strategy named at {@code runtime.<section>.strategy}, or null when absent. */
    public static String strategy(Map<String, Object> runtime, String section) {
        return Activities.map(runtime.get(section)).get("strategy") instanceof String s ? s : null;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        String constant = value == null ? "" : value.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(constant)) return e;
        throw new IllegalArgumentException("unknown " + what + " '" + value + "', expected one of: "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
    }

    private static void check(Map<String, Object> runtime, String section, String path, List<Problem> out,
                              java.util.function.Function<String, ?> parser) {
        if (!runtime.containsKey(section)) return;
        String sectionPath = path + "/" + section;
        if (!(runtime.get(section) instanceof Map<?, ?> block)) {
            out.add(new Problem(sectionPath, "runtime " + section + " must be an object with a strategy"));
            return;
        }
        if (!block.containsKey("strategy")) return;
        if (!(block.get("strategy") instanceof String s)) {
            out.add(new Problem(sectionPath + "/strategy", "a strategy must be a string"));
            return;
        }
        try {
            parser.apply(s);
        } catch (IllegalArgumentException e) {
            out.add(new Problem(sectionPath + "/strategy", e.getMessage()));
        }
    }
}
