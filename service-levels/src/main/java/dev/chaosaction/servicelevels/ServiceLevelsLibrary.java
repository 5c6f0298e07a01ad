package dev.chaosaction.servicelevels;

import dev.chaosaction.activity.GuardedNetwork;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.policy.EgressPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * One run's {@code chaosaction.service_levels}. Its OkHttp client is built at the first call (an experiment that
 * never measures pays nothing), obeys the deployment's egress policy on every address it connects to
 * ({@link GuardedNetwork}), and keeps its connections between the run's probes.
 */
final class ServiceLevelsLibrary implements FunctionLibrary {
    private final EgressPolicy egress;
    private OkHttpClient client;

    ServiceLevelsLibrary(EgressPolicy egress) {
        this.egress = egress;
    }

    @Override
    public Optional<Entry> find(String module, String func) {
        if (!ServiceLevels.MODULE.equals(module) || !ServiceLevels.MEASURE.func().equals(func)) return Optional.empty();
        return Optional.of(new Entry(ServiceLevels.MEASURE, (arguments, context) -> {
            LoadSpec spec = LoadSpec.of(arguments);
            return Measurement.of(LoadDriver.drive(client(), spec, context.cancel()), spec);
        }));
    }

    @Override
    public Set<String> modules() {
        return Set.of(ServiceLevels.MODULE);
    }

    @Override
    public List<Signature> signatures() {
        return List.of(ServiceLevels.MEASURE);
    }

    @Override
    public synchronized void close() {
        if (client != null) client.connectionPool().evictAll();
    }

    private synchronized OkHttpClient client() {
        if (client == null) client = GuardedNetwork.apply(new OkHttpClient.Builder(), egress).build();
        return client;
    }
}
