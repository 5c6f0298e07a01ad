package dev.chaosaction.prometheus;

import static dev.chaosaction.activity.Param.Type.ANY;
import static dev.chaosaction.activity.Param.Type.BOOL;
import static dev.chaosaction.activity.Param.Type.STRING;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.NativeFunction;
import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.activity.Signature.Effect;
import dev.chaosaction.policy.EgressPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Chaos Toolkit Prometheus extension's probes ({@code chaosprometheus.probes}) in Java, under their Python
 * module and function names, with their parameters and defaults. {@code configuration} and {@code secrets},
 * which chaoslib injects into the Python functions, come from the call's context; chaosprometheus reads only
 * {@code prometheus_base_url} from them.
 */
public final class PrometheusLibrary implements FunctionLibrary {
    static final String MODULE = "chaosprometheus.probes";

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The probes of one run, querying only servers {@code egress} allows. */
    public PrometheusLibrary(EgressPolicy egress) {
        Probes probes = new Probes(new PrometheusApi(egress));
        Param query = Param.required("query", STRING);
        // The extension passes timeout and step on as they are, and Prometheus takes a duration ("30s") as well as
        // a number of seconds: both bind as anything (its annotations say float and int).
        Param timeout = Param.optional("timeout", ANY, null);
        Param verifyTls = Param.optional("verify_tls", BOOL, true);
        Param window = Param.optional("window", STRING, "1d");
        add("query", "mapping", probes::query,
                query, Param.optional("when", STRING, null), timeout, verifyTls);
        add("query_interval", "mapping", probes::queryInterval, query, Param.required("start", STRING),
                Param.required("end", STRING), Param.optional("step", ANY, 1L), timeout, verifyTls);
        add("compute_mean", "number", probes::computeMean,
                query, window, Param.optional("mean_type", STRING, "arithmetic"));
        add("nodes_cpu_usage_mean", "number", probes::nodesCpuUsageMean, window);
    }

    @Override
    public Optional<Entry> find(String module, String func) {
        return MODULE.equals(module) ? Optional.ofNullable(entries.get(func)) : Optional.empty();
    }

    @Override
    public Set<String> modules() {
        return Set.of(MODULE);
    }

    @Override
    public List<Signature> signatures() {
        return entries.values().stream().map(Entry::signature).toList();
    }

    private void add(String func, String returns, NativeFunction function, Param... params) {
        entries.put(func, new Entry(new Signature(MODULE, func, List.of(params), Effect.READS, returns), function));
    }
}
