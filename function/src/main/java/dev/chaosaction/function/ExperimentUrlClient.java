package dev.chaosaction.function;

import dev.chaosaction.activity.GuardedNetwork;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.ExperimentUrls;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.value.Yaml;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * How the function fetches an {@code http(s)://} experiment. The request's author names the URL, so the fetch
 * must not become a way into what only the function can reach: redirects are not followed, and a host that
 * resolves to one of this machine's own addresses (loopback, link-local, unspecified; the Lambda Runtime API
 * and metadata endpoints live there) is refused. Credentials come only from the deployment:
 * {@value #AUTHS} holds a Chaos Toolkit {@code auths} block (JSON or YAML), sent only to the host it names;
 * Chaos Toolkit's global bearer token is not honoured here, as it would go to any host a request names.
 * The deployment's egress policy applies too (an allow-list narrows where experiments come from).
 */
final class ExperimentUrlClient {
    static final String AUTHS = "CHAOS_EXPERIMENT_URL_AUTHS";

    private ExperimentUrlClient() {}

    static ExperimentUrls of(Map<String, String> env, EgressPolicy egress) {
        return of(env, egress, true);
    }

    /** {@code guarded} false lets tests reach a loopback server; the function always guards. */
    static ExperimentUrls of(Map<String, String> env, EgressPolicy egress, boolean guarded) {
        String auths = env.get(AUTHS);
        Map<String, Object> block = auths == null || auths.isBlank() ? Map.of() : Activities.map(Yaml.parse(auths));
        OkHttpClient.Builder client = GuardedNetwork.apply(new OkHttpClient.Builder(), egress)
                .followRedirects(false).followSslRedirects(false);
        if (guarded) client.addNetworkInterceptor(ExperimentUrlClient::refuseOwnMachine);
        return new ExperimentUrls(client.build(), block, null);
    }

    /**
     * Checked once connected and before a byte of the request is sent, on the address actually connected to:
     * a host name resolving there and an address literal (which skips DNS) are caught alike.
     */
    private static Response refuseOwnMachine(Interceptor.Chain chain) throws IOException {
        InetAddress address = chain.connection() == null ? null
                : chain.connection().route().socketAddress().getAddress();
        if (address != null && (address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress())) {
            throw new IOException(chain.request().url().host() + " is " + address.getHostAddress()
                    + ", an address of the function's own machine, which experiment URLs may not reach");
        }
        return chain.proceed(chain.request());
    }
}
