package dev.chaosaction.servicelevels;

import static dev.chaosaction.activity.Param.Type.ANY;
import static dev.chaosaction.activity.Param.Type.INT;
import static dev.chaosaction.activity.Param.Type.LIST;
import static dev.chaosaction.activity.Param.Type.MAP;
import static dev.chaosaction.activity.Param.Type.NUMBER;
import static dev.chaosaction.activity.Param.Type.STRING;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.activity.Signature.Effect;
import dev.chaosaction.policy.EgressPolicy;
import java.util.List;
import java.util.Map;

/**
 * {@code chaosaction.service_levels}: probes of ours (no Chaos Toolkit extension has them) that measure service
 * levels by driving requests themselves. {@code measure} sends a bounded number of requests at a paced rate and
 * returns latency percentiles, error rate and throughput, judged against objectives ({@link Measurement}).
 */
public final class ServiceLevels {
    public static final String MODULE = "chaosaction.service_levels.probes";
    /** The function's Python-style signature: names, defaults, types. */
    static final Signature MEASURE = new Signature(MODULE, "measure", List.of(
            Param.required("url", STRING),
            Param.optional("requests", INT, 100L),
            Param.optional("rate", NUMBER, 20L),
            Param.optional("max_duration", NUMBER, 60L),
            Param.optional("timeout", NUMBER, 5L),
            Param.optional("method", STRING, "GET"),
            Param.optional("headers", MAP, Map.of()),
            Param.optional("body", ANY, null),
            Param.optional("bodies", LIST, null),
            Param.optional("ok_statuses", ANY, StatusRanges.DEFAULT),
            Param.optional("objectives", MAP, null)), Effect.READS, "mapping");

    private ServiceLevels() {}

    /**
     * The library for runs whose requests may reach only what {@code egress} allows: the deployment's policy in
     * the Lambda function and the Action, {@link EgressPolicy#OPEN} on the command line.
     */
    public static FunctionLibraryFactory libraryFactory(EgressPolicy egress) {
        return (configuration, env, runtime) -> new ServiceLevelsLibrary(egress);
    }

    /** The library for each run under the deployment's egress policy (what the adapters ship). */
    public static FunctionLibraryFactory libraryFactory() {
        return FunctionLibraryFactory.underEgress(ServiceLevelsLibrary::new);
    }
}
