package dev.chaosaction.safety;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudWatch alarms a run stops on: the deployment's ({@value #ENV}: ARNs separated by commas or blanks)
 * and the experiment's ({@code runtime.stop_conditions.alarms}: a list of ARNs). Both only add alarms, so an
 * experiment can narrow what the deployment allows, never widen it. A malformed {@value #ENV} stops every run
 * (fail-safe); a malformed runtime entry is a validation problem.
 */
public final class StopAlarms {
    public static final String ENV = "CHAOS_STOP_ALARMS";
    static final String RUNTIME_KEY = "stop_conditions";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:(.+)");

    private StopAlarms() {}

    /** The run's alarms as one stop condition (asked at most once a second), or empty when none is set. */
    public static Optional<StopCondition> of(Map<String, String> env, Map<String, Object> runtime,
                                             AlarmSource alarms) {
        Set<String> names = new LinkedHashSet<>();
        String deployed = env.getOrDefault(ENV, "");
        for (String arn : deployed.strip().split("[,\\s]+")) {
            if (arn.isEmpty()) continue;
            String name = name(arn);
            if (name == null) return failSafe(ENV + " holds '" + arn + "', which is not a CloudWatch alarm ARN");
            names.add(name);
        }
        for (Object arn : declared(runtime)) {
            if (name(String.valueOf(arn)) != null) names.add(name(String.valueOf(arn)));
        }
        if (names.isEmpty()) return Optional.empty();
        if (alarms == null) return failSafe("no CloudWatch client here");
        StopCondition watched = alarms.watch(List.copyOf(names));
        return Optional.of(new CachedKillSwitch(watched::breached));
    }

    /** Problems in {@code runtime.stop_conditions}; {@code runtimePath} points at the runtime block. */
    public static List<Problem> validate(Map<String, Object> runtime, String runtimePath) {
        if (runtime == null || !runtime.containsKey(RUNTIME_KEY)) return List.of();
        String path = Problem.child(runtimePath, RUNTIME_KEY);
        if (!(runtime.get(RUNTIME_KEY) instanceof Map<?, ?> block)) {
            return List.of(new Problem(path, "stop_conditions must be an object such as {\"alarms\": [arn, ...]}"));
        }
        List<Problem> problems = new ArrayList<>();
        for (Object key : block.keySet()) {
            if (!"alarms".equals(key)) problems.add(new Problem(Problem.child(path, String.valueOf(key)),
                    "unknown stop condition '" + key + "' (known: alarms)"));
        }
        Object alarms = block.get("alarms");
        if (alarms != null && !(alarms instanceof List<?>)) {
            problems.add(new Problem(path + "/alarms", "alarms must be a list of CloudWatch alarm ARNs"));
            return problems;
        }
        List<?> list = alarms == null ? List.of() : (List<?>) alarms;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String arn) || name(arn) == null) {
                problems.add(new Problem(path + "/alarms/" + i, "not a CloudWatch alarm ARN "
                        + "(arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)"));
            }
        }
        return problems;
    }

    public static boolean isAlarmArn(String arn) {
        return name(arn) != null;
    }

    /**
     * A copy of {@code experiment} whose {@code runtime.stop_conditions.alarms} also holds {@code arns} (an
     * invocation's own alarms): adding alarms only narrows what the run may do, so a request may.
     */
    public static Map<String, Object> adding(Map<String, Object> experiment, List<String> arns) {
        if (arns.isEmpty()) return experiment;
        Map<String, Object> copy = new LinkedHashMap<>(experiment);
        Map<String, Object> runtime = new LinkedHashMap<>(
                experiment.get("runtime") instanceof Map<?, ?> m ? Activities.map(m) : Map.of());
        Map<String, Object> conditions = new LinkedHashMap<>(runtime.get(RUNTIME_KEY) instanceof Map<?, ?> m
                ? Activities.map(m) : Map.of());
        List<Object> alarms = new ArrayList<>(conditions.get("alarms") instanceof List<?> l ? l : List.of());
        alarms.addAll(arns);
        conditions.put("alarms", alarms);
        runtime.put(RUNTIME_KEY, conditions);
        copy.put("runtime", runtime);
        return copy;
    }

    /** The alarm name an ARN ends with, or null when it is not an alarm ARN. */
    static String name(String arn) {
        Matcher m = ARN.matcher(arn.strip());
        return m.matches() ? m.group(1) : null;
    }

    private static List<?> declared(Map<String, Object> runtime) {
        if (runtime != null && runtime.get(RUNTIME_KEY) instanceof Map<?, ?> block
                && block.get("alarms") instanceof List<?> alarms) return alarms;
        return List.of();
    }

    private static Optional<StopCondition> failSafe(String why) {
        String reason = "stop alarms cannot be read: " + why + "; stopping to be safe";
        return Optional.of(() -> Optional.of(reason));
    }
}
