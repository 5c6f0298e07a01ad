package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Utils;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a fabric8 client on the cluster an experiment targets, trying in order:
 * <ol>
 *   <li>the kubeconfig named by the configuration key {@code kubeconfig} or {@code KUBECONFIG};</li>
 *   <li>EKS, when {@code eks_cluster_name} or {@code EKS_CLUSTER_NAME} is set (region from {@code aws_region}
 *       or {@code AWS_REGION});</li>
 *   <li>the pod's service account, when running in a pod;</li>
 *   <li>{@code ~/.kube/config}.</li>
 * </ol>
 * A kubeconfig's context comes from {@code kubernetes_context} or {@code KUBERNETES_CONTEXT}, else its
 * current context. Configuration keys win over environment variables. TLS is verified unless the
 * configuration sets {@code kubernetes_insecure_skip_tls_verify: true} (or the kubeconfig itself asks to skip
 * it, as kubectl would). The transport is OkHttp.
 * <p>
 * Requests that fail before an answer (a 5xx, a 429, a refused or dropped connection, a timeout) are retried
 * by fabric8 {@link #API_RETRIES} times, {@link #API_RETRY_INTERVAL_MS} ms apart and doubling, or as long as
 * {@code Retry-After} asks; a read whose answer breaks off is asked again ({@link ReadRetry}); a refused token
 * of a caching provider is renewed ({@link TokenRenewal}). Deleting and evicting pods opt out of fabric8's
 * retries: {@link PodTerminator} checks what happened before it sends anything again.
 * <p>
 * A source that is named but unusable (a missing file or context, an EKS cluster DescribeCluster does not
 * return) fails rather than falling through: a chaos run must never land on a cluster nobody named.
 */
public final class ClusterConnector {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    /** fabric8's default (10 retries) waits some 20 s on an API server that is down; three keep a run moving. */
    static final int API_RETRIES = 3;
    static final int API_RETRY_INTERVAL_MS = 250;
    /** The keys under which fabric8's KubeConfigUtils finds the file a kubeconfig entry came from. */
    private static final String CONTEXT_FILE_KEY = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";
    private static final String CLUSTER_FILE_KEY = "KUBERNETES_CONFIG_CLUSTER_FILE_KEY";
    private static final String USER_FILE_KEY = "KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY";

    /**
     * Builds the client configuration of an EKS cluster. An interface free of AWS types, so that the AWS SDK
     * is loaded only when the EKS branch is taken.
     */
    @FunctionalInterface
    public interface EksConfigSource {
        /** No EKS in this build (the aws module supplies it): naming a cluster fails rather than falls through. */
        EksConfigSource NONE = (cluster, region) -> {
            throw new ClusterConnectionException("EKS cluster '" + cluster + "': this build has no EKS support");
        };

        Config config(String cluster, String region);
    }

    /**
     * An open client and where it points, e.g. {@code kubeconfig /home/me/kind.yaml (context kind-chaos)},
     * {@code eks cluster prod in eu-west-1}; the description carries no credentials.
     */
    public record Connection(KubernetesClient client, String source) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private record Target(Config config, String source) {}

    private final EksConfigSource eks;
    private final Path serviceAccount;

    /** No EKS, and the service account where Kubernetes mounts it. */
    public ClusterConnector() {
        this(EksConfigSource.NONE, SERVICE_ACCOUNT);
    }

    /**
     * @param eks            the EKS branch (the aws module's {@code EksConnector}, or {@link EksConfigSource#NONE})
     * @param serviceAccount the directory holding the pod's {@code token} and {@code ca.crt}
     */
    public ClusterConnector(EksConfigSource eks, Path serviceAccount) {
        this.eks = eks;
        this.serviceAccount = serviceAccount;
    }

    /**
     * Opens a client; nothing is sent to the cluster yet.
     *
     * @param configuration the experiment's resolved configuration
     * @param env           the environment variables to read ({@code System.getenv()} in production)
     * @throws ClusterConnectionException when no source applies or the chosen one is unusable
     */
    public Connection connect(Map<String, Object> configuration, Map<String, String> env) {
        Target target = target(configuration, env);
        if (isTrue(configuration.get("kubernetes_insecure_skip_tls_verify"))) {
            target.config().setTrustCerts(true);
            target.config().setDisableHostnameVerification(true);
        }
        return new Connection(client(target.config(), null), target.source());
    }

    /**
     * A client on a kubeconfig given as text, built as {@link #connect} builds one, whose requests {@code answers}
     * answers before they reach the network: the Kubernetes path walked without a cluster ({@link
     * KubernetesPriming}).
     */
    static KubernetesClient offline(String kubeconfig, Interceptor answers) {
        return client(fromKubeconfig(null, kubeconfig, new File("built-in.kubeconfig")), answers);
    }

    private static KubernetesClient client(Config config, Interceptor answers) {
        config.setRequestRetryBackoffLimit(API_RETRIES);
        config.setRequestRetryBackoffInterval(API_RETRY_INTERVAL_MS);
        boolean cleartext = config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://");
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(Serializer.INSTANCE)
                .withHttpClientFactory(new Transport(answers, cleartext));
        if (config.getOauthTokenProvider() instanceof TokenRenewal.Renewable tokens) {
            builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(TokenRenewal.NAME,
                    new TokenRenewal(tokens)));
        }
        if (!cleartext || config.isTrustCerts()) return builder.build();
        // A cluster spoken to over http needs no trust store, yet fabric8 builds one (the JDK's cacerts, 10% of
        // a fresh process's first call) unless it is told to trust every certificate. It is told so while the
        // client is built, and the client speaks cleartext only (Transport): it starts no TLS handshake, not even
        // for an https URL (OkHttp then sends the request in cleartext; redirects to https are not followed), so
        // nothing is ever trusted (CleartextClusterTest).
        config.setTrustCerts(true);
        try {
            return builder.build();
        } finally {
            config.setTrustCerts(false);
        }
    }

    /**
     * OkHttp, whose reads are asked again when their answer breaks off. OkHttp's own silent retry on a failed
     * connection is off: it would send a DELETE again whatever its method, and fabric8 retries what is safe.
     * {@code answers}, when given, answers every request in the process. A {@code cleartext} client (for a
     * cluster at an {@code http://} URL) starts no TLS handshake.
     */
    private static final class Transport extends OkHttpClientFactory {
        private final Interceptor answers;
        private final boolean cleartext;

        Transport(Interceptor answers, boolean cleartext) {
            this.answers = answers;
            this.cleartext = cleartext;
        }

        @Override
        protected void additionalConfig(OkHttpClient.Builder builder) {
            builder.retryOnConnectionFailure(false).addInterceptor(new ReadRetry());
            // OkHttp keeps 5 idle connections; the pod terminator sends 8 requests at once, and each burst closed 3
            // and opened them again (about 50 connections for 1000 pods; on a real cluster as many TLS handshakes).
            builder.connectionPool(new ConnectionPool(PodTerminator.PARALLELISM, 5, TimeUnit.MINUTES));
            // OkHttp would send a redirect to https in cleartext on a cleartext-only client: not followed.
            if (cleartext) builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false);
            if (answers != null) builder.addInterceptor(answers);
        }
    }

    /**
     * fabric8's JSON and YAML without its scan of the class path for every resource kind (a ServiceLoader entry
     * for each of some 600 model classes, most of the first call in a fresh JVM). The client's reads are typed by
     * class; what fabric8 reads by {@code kind} stays generic unless registered: Deployment is, by the functions
     * that watch one ({@link DeploymentProbes}); Pod is not, so a deleted pod's answer (which fabric8 reads only
     * for its name) is a map rather than a typed pod built through its builders, a thousand times over in
     * terminate_pods(all). Otherwise fabric8's default serialization, its mapper built the same way.
     */
    private static final class Serializer {
        static final KubernetesSerialization INSTANCE = serialization();

        private static KubernetesSerialization serialization() {
            return new KubernetesSerialization(JsonMapper
                    .builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build(), false);
        }
    }

    private Target target(Map<String, Object> configuration, Map<String, String> env) {
        String context = setting(configuration, "kubernetes_context", env, "KUBERNETES_CONTEXT");
        String kubeconfig = setting(configuration, "kubeconfig", env, "KUBECONFIG");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (kubeconfig != null) {
            return kubeconfig(kubeconfigPath(kubeconfig, home), context, "kubeconfig ");
        }
        String cluster = setting(configuration, "eks_cluster_name", env, "EKS_CLUSTER_NAME");
        if (cluster != null) {
            return eks(cluster, setting(configuration, "aws_region", env, "AWS_REGION"));
        }
        String serviceHost = env.get("KUBERNETES_SERVICE_HOST");
        if (serviceHost != null && Files.isRegularFile(serviceAccount.resolve("token"))) {
            return inCluster(serviceHost, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"));
        }
        Path standard = Path.of(home, ".kube", "config");
        if (Files.isRegularFile(standard)) {
            return kubeconfig(standard, context, "default kubeconfig ");
        }
        throw new ClusterConnectionException("no Kubernetes cluster to connect to: set the configuration key"
                + " kubeconfig or KUBECONFIG, or eks_cluster_name or EKS_CLUSTER_NAME, run in a pod with a"
                + " service account, or create " + standard);
    }

    /** The configuration key if set and not blank, else the environment variable, else null. */
    private static String setting(Map<String, Object> configuration, String key, Map<String, String> env,
                                  String variable) {
        return Stream.of(configuration.get(key), env.get(variable))
                .filter(Objects::nonNull)
                .map(value -> value.toString().strip())
                .filter(value -> !value.isEmpty())
                .findFirst()
                .orElse(null);
    }

    /** {@code KUBECONFIG} may list several files; like fabric8, the first one is used. {@code ~/} is home. */
    private static Path kubeconfigPath(String kubeconfig, String home) {
        String first = kubeconfig.split(File.pathSeparator)[0];
        return first.startsWith("~/") ? Path.of(home, first.substring(2)) : Path.of(first);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof String s && s.strip().equalsIgnoreCase("true");
    }

    private static Target kubeconfig(Path path, String context, String label) {
        if (!Files.isRegularFile(path)) {
            throw new ClusterConnectionException("kubeconfig " + path + " does not exist");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ClusterConnectionException("kubeconfig " + path + " cannot be read: " + e.getMessage(), e);
        }
        Config config;
        try {
            config = fromKubeconfig(context, text, path.toFile());
        } catch (RuntimeException e) {
            // Named, never quoted: parsers repeat what they could not read, and the path may name any file the
            // runner can read (an experiment from a payload saying "../../proc/self/environ", say).
            throw new ClusterConnectionException("kubeconfig " + path + " is not a valid kubeconfig");
        }
        NamedContext chosen = config.getCurrentContext();
        if (chosen == null || context != null && !context.equals(chosen.getName())) {
            throw new ClusterConnectionException("kubeconfig " + path + (context == null
                    ? " names no current context; set kubernetes_context or KUBERNETES_CONTEXT"
                    : " has no context '" + context + "'") + " (contexts: " + contextNames(config) + ")");
        }
        return new Target(config, label + path + " (context " + chosen.getName() + ")");
    }

    /**
     * What fabric8's {@code Config.fromKubeconfig(context, text, path)} does, the file read through {@link
     * Serializer} rather than fabric8's static serialization (which scans the class path): each context, cluster
     * and user is tagged with its file, against which relative certificate and command paths resolve; then the
     * chosen context is merged in and the {@code KUBERNETES_*} system properties and environment variables
     * applied, unless {@code kubernetes.disable.autoConfig} is set.
     */
    private static Config fromKubeconfig(String context, String text, File file) {
        if (text.isBlank()) throw new IllegalArgumentException("empty kubeconfig");
        io.fabric8.kubernetes.api.model.Config kubeconfig = Serializer.INSTANCE.unmarshal(text,
                io.fabric8.kubernetes.api.model.Config.class);
        if (kubeconfig.getContexts() != null) {
            kubeconfig.getContexts().forEach(c -> c.getAdditionalProperties().put(CONTEXT_FILE_KEY, file));
        }
        if (kubeconfig.getClusters() != null) {
            kubeconfig.getClusters().forEach(c -> c.getAdditionalProperties().put(CLUSTER_FILE_KEY, file));
        }
        if (kubeconfig.getUsers() != null) {
            kubeconfig.getUsers().forEach(u -> u.getAdditionalProperties().put(USER_FILE_KEY, file));
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, context, kubeconfig);
        if (!Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_DISABLE_AUTO_CONFIG_SYSTEM_PROPERTY, false)) {
            Config.configFromSysPropsOrEnvVars(config);
        }
        return config;
    }

    private static String contextNames(Config config) {
        return config.getContexts().stream().map(NamedContext::getName).collect(Collectors.joining(", "));
    }

    private Target eks(String cluster, String region) {
        if (region == null) {
            throw new ClusterConnectionException("EKS cluster '" + cluster
                    + "': no AWS region; set the configuration key aws_region or AWS_REGION");
        }
        return new Target(eks.config(cluster, region), "eks cluster " + cluster + " in " + region);
    }

    private Target inCluster(String host, String port) {
        String server = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        Path token = serviceAccount.resolve("token");
        Path ca = serviceAccount.resolve("ca.crt");
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(server)
                // Kubernetes rotates projected tokens in place: read the file for each request.
                .withOauthTokenProvider(() -> serviceAccountToken(token));
        if (Files.isRegularFile(ca)) {
            builder.withCaCertFile(ca.toString());
        }
        return new Target(builder.build(), "in-cluster service account (" + server + ")");
    }

    private static String serviceAccountToken(Path token) {
        try {
            return Files.readString(token).strip();
        } catch (IOException e) {
            throw new ClusterConnectionException("cannot read the service account token " + token, e);
        }
    }
}
