package dev.chaosaction.aws.cloudwatch;

import static dev.chaosaction.activity.Param.Type.INT;
import static dev.chaosaction.activity.Param.Type.LIST;
import static dev.chaosaction.activity.Param.Type.STRING;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.activity.Signature.Effect;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * chaostoolkit-aws's {@code chaosaws.cloudwatch.probes} in Java: {@code get_alarm_state_value},
 * {@code get_metric_statistics} and {@code get_metric_data} under their Python names, parameters and defaults,
 * returning what they return. They read CloudWatch and change nothing. One instance serves one run; its
 * clients ({@link ProbeClients}) are made at the first call, so looking a function up loads no SDK class.
 */
final class ProbeLibrary implements FunctionLibrary {
    static final String MODULE = "chaosaws.cloudwatch.probes";

    /** A probe's body, given the run's session for the call's settings. */
    @FunctionalInterface
    private interface Body {
        Object call(MetricProbes.Session session, ProbeArgs args) throws ActivityFailed;
    }

    private record Probe(Signature signature, Body body) {}

    private static final Map<String, Probe> PROBES = catalog();

    private final Map<String, String> env;
    private final CredentialScope scope;
    private final Clock clock;
    private ProbeClients clients;

    /** @param env the run's environment (the region's fallback; the endpoints on the command line) */
    ProbeLibrary(Map<String, String> env, CredentialScope scope, Clock clock) {
        this.env = env;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(String module, String func) {
        Probe probe = MODULE.equals(module) ? PROBES.get(func) : null;
        if (probe == null) return Optional.empty();
        return Optional.of(new Entry(probe.signature(), (arguments, context) ->
                probe.body().call(session(context), new ProbeArgs(func, arguments))));
    }

    @Override
    public Set<String> modules() {
        return Set.of(MODULE);
    }

    @Override
    public List<Signature> signatures() {
        return PROBES.values().stream().map(Probe::signature).toList();
    }

    @Override
    public synchronized void close() {
        if (clients != null) clients.close();
    }

    private MetricProbes.Session session(FunctionContext context) {
        return new MetricProbes.Session() {
            @Override
            public CloudWatchClient client() throws ActivityFailed {
                return clients().client(AwsSettings.of(context.configuration(), context.secrets(), env));
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public CancelToken cancel() {
                return context.cancel();
            }
        };
    }

    private synchronized ProbeClients clients() {
        if (clients == null) clients = new ProbeClients(env, scope);
        return clients;
    }

    private static Map<String, Probe> catalog() {
        Map<String, Probe> all = new LinkedHashMap<>();
        add(all, "get_alarm_state_value", "string", MetricProbes::alarmStateValue,
                Param.required("alarm_name", STRING));
        add(all, "get_metric_statistics", null, MetricProbes::metricStatistics,
                Param.required("namespace", STRING), Param.required("metric_name", STRING),
                optional("dimension_name", STRING, null), optional("dimension_value", STRING, null),
                optional("dimensions", LIST, null), optional("duration", INT, 60L), optional("offset", INT, 0L),
                optional("statistic", STRING, null), optional("extended_statistic", STRING, null),
                optional("unit", STRING, null));
        add(all, "get_metric_data", "number", MetricProbes::metricData,
                Param.required("namespace", STRING), Param.required("metric_name", STRING),
                optional("dimension_name", STRING, null), optional("dimension_value", STRING, null),
                optional("dimensions", LIST, null), optional("statistic", STRING, null),
                optional("duration", INT, 300L), optional("period", INT, 60L), optional("offset", INT, 0L),
                optional("unit", STRING, null));
        return all;
    }

    private static Param optional(String name, Param.Type type, Object defaultValue) {
        return Param.optional(name, type, defaultValue);
    }

    /** @param returns the return annotation as Chaos Toolkit's discovery names it, null when there is none */
    private static void add(Map<String, Probe> all, String func, String returns, Body body, Param... params) {
        all.put(func, new Probe(new Signature(MODULE, func, List.of(params), Effect.READS, returns), body));
    }
}
