package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated Kubernetes cluster for trying experiments without one, and for tests: fabric8's mock API
 * server (CRUD mode) on 127.0.0.1, seeded with a namespace, a Deployment and its Running pods on two Ready
 * nodes; a controller that recreates deleted pods after a delay; a health endpoint that reports UP only while
 * enough pods are ready; and a kubeconfig pointing at it all. Nothing here is a real cluster, and
 * {@link #banner()} says so.
 *
 * <p>The mock's limits show through: set-based label selectors ({@code app in (web)}) and field selectors
 * other than {@code metadata.name} are ignored, and deletes take effect at once (no grace period).
 */
public final class Sandbox implements AutoCloseable {
    static final String CONTROLLER_AGENT = "chaos-sandbox-controller";
    private static final String CONTEXT = "chaos-sandbox";
    /** The mock logs every request at INFO; kept referenced so the quieter level sticks. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    private final Builder settings;
    private final SandboxDispatcher dispatcher = new SandboxDispatcher(CONTROLLER_AGENT);
    /** What close() stops, in the order it was started. */
    private final List<AutoCloseable> started = new ArrayList<>();
    private final String masterUrl;
    private final KubernetesClient client;
    private final KubernetesClient controllerClient;
    private final ReplicaController controller;
    private final HealthService health;
    /** The brief's ML service's health endpoint; null unless {@link Builder#mlService} asked for it. */
    private final HealthService mlHealth;
    private final Path kubeconfig;

    private Sandbox(Builder settings) {
        this.settings = settings;
        MOCK_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.init(InetAddress.getLoopbackAddress(), settings.apiPort);
            started.add(server::destroy);
            masterUrl = "http://127.0.0.1:" + server.getPort() + "/";
            client = opened(client(masterUrl, settings.namespace, null));
            controllerClient = opened(client(masterUrl, settings.namespace, CONTROLLER_AGENT));
            controller = new ReplicaController(controllerClient, dispatcher::changes, settings.namespace,
                    settings.recreateDelay, settings.readyDelay);
            seed();
            controller.start();
            opened(controller);
            health = opened(new HealthService(controllerClient, settings.namespace,
                    Map.of("app", settings.deployment), settings.minReady, settings.healthPort, "/health"));
            mlHealth = settings.mlService ? startMlService() : null;
            kubeconfig = writeKubeconfig(settings.kubeconfig != null ? settings.kubeconfig
                    : temporary(Files.createTempFile("chaos-sandbox-", ".kubeconfig")));
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the sandbox", io)
                    : (RuntimeException) e;
        }
    }

    /**
     * The simulated ML service from the product brief ({@link MlService}): namespace {@code default}, node
     * {@code ml-service-node}, its own controller, health endpoint and simulated model server ({@link ModelServer}).
     */
    private HealthService startMlService() {
        ReplicaController ml = new ReplicaController(controllerClient, dispatcher::changes, MlService.NAMESPACE,
                settings.recreateDelay, settings.readyDelay);
        controllerClient.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(MlService.NAMESPACE).endMetadata().build()).create();
        controllerClient.nodes().resource(MlService.node(node(MlService.NODE))).create();
        seedPods(controllerClient.apps().deployments().inNamespace(MlService.NAMESPACE)
                .resource(MlService.deployment(deploymentSpec(MlService.NAMESPACE, MlService.NAME, MlService.REPLICAS)))
                .create(), List.of(MlService.NODE), ml);
        ml.start();
        opened(ml);
        HealthService service = opened(new HealthService(controllerClient, MlService.NAMESPACE,
                Map.of("app", MlService.NAME), MlService.MIN_READY, 0, MlService.PATH));
        new ModelServer(opened(new ModelFleet(controllerClient)), !settings.mlMisconfigured).install(service);
        return service;
    }

    /**
     * What a cluster's DNS would do for the sandbox's services ({@code http://ml-service/api/health}), for
     * {@code chaos sandbox} to install for its runs; empty without the ML service.
     */
    public ServiceRoutes serviceRoutes() {
        Map<String, java.net.InetSocketAddress> routes = new HashMap<>();
        if (mlHealth != null) {
            ServiceRoutes.names(MlService.NAME, MlService.NAMESPACE).forEach(n -> routes.put(n, mlHealth.address()));
        }
        return new ServiceRoutes(routes, java.net.ProxySelector.getDefault());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sandbox with the defaults: namespace {@code shop}, Deployment {@code web} with 3 replicas. */
    public static Sandbox start() {
        return builder().start();
    }

    /** What the command line prints: where things are, and that none of it is a real cluster. */
    public String banner() {
        return String.join("\n", java.util.stream.Stream.of(
                "*** SIMULATED CLUSTER: this is the chaos-action sandbox, not a real Kubernetes cluster. ***",
                "Kubernetes API (fabric8 mock server): " + masterUrl,
                "kubeconfig: " + kubeconfig,
                "Deployment " + settings.namespace + "/" + settings.deployment + ": " + settings.replicas
                        + " replicas (label app=" + settings.deployment + ") on nodes "
                        + String.join(", ", nodeNames()),
                "A deleted pod comes back after " + seconds(settings.recreateDelay) + " and is ready "
                        + seconds(settings.readyDelay) + " later.",
                "Health endpoint: " + healthUrl() + " (UP while at least " + settings.minReady + " pods are ready)",
                mlHealth == null ? null : MlService.banner(mlHealth.url(), settings.mlMisconfigured),
                "Only echo, true and false run in the simulated containers; label selectors must be equality-based.")
                .filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Waits until the Deployment has all its replicas Running and Ready and its status says so.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    public void awaitReady(Duration timeout) {
        if (!await(timeout, () -> readyPods() == desired() && desired() == reportedReady())) {
            throw new IllegalStateException("the sandbox's Deployment " + settings.namespace + "/"
                    + settings.deployment + " is not ready: " + readyPods() + " of " + desired() + " pods ready");
        }
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes: the simulated cluster changes in the
     * background, so its users wait for a state rather than for a time.
     *
     * @return whether the condition held in time
     */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private long readyPods() {
        return client.pods().inNamespace(settings.namespace).withLabel("app", settings.deployment).list()
                .getItems().stream().filter(PodStates::serving).count();
    }

    private int desired() {
        return deploymentNow().getSpec().getReplicas();
    }

    private int reportedReady() {
        Deployment d = deploymentNow();
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
    }

    private Deployment deploymentNow() {
        return client.apps().deployments().inNamespace(settings.namespace).withName(settings.deployment).get();
    }

    /** The kubeconfig file for the sandbox (current context: its namespace, plain HTTP). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public String healthUrl() {
        return health.url();
    }

    /** The simulated API server's URL, {@code http://127.0.0.1:PORT/}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** A client for the sandbox, owned by it (closed with it). */
    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return settings.namespace;
    }

    public String deployment() {
        return settings.deployment;
    }

    /** The names of the simulated nodes. */
    public List<String> nodeNames() {
        return List.of("sandbox-node-1", "sandbox-node-2");
    }

    /** Changes clients asked the API server for (not the sandbox's own), in arrival order. */
    public List<ApiCall> apiCalls() {
        return dispatcher.calls();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // stop everything else regardless
            }
        }
        started.clear();
    }

    private <T extends AutoCloseable> T opened(T resource) {
        started.add(resource);
        return resource;
    }

    private Path temporary(Path file) {
        started.add(() -> Files.deleteIfExists(file));
        return file;
    }

    /** A client without retries: the server is local, and a refused eviction (429) should say so at once. */
    private static KubernetesClient client(String masterUrl, String namespace, String userAgent) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withNamespace(namespace)
                .withRequestRetryBackoffLimit(0);
        if (userAgent != null) config.withUserAgent(userAgent);
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    private void seed() {
        controllerClient.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(settings.namespace).endMetadata().build()).create();
        for (String node : nodeNames()) controllerClient.nodes().resource(node(node)).create();
        seedPods(controllerClient.apps().deployments().inNamespace(settings.namespace)
                .resource(deploymentSpec(settings.namespace, settings.deployment, settings.replicas)).create(),
                nodeNames(), controller);
    }

    /** The Deployment's Running pods, spread over {@code nodes}. */
    private void seedPods(Deployment deployment, List<String> nodes, ReplicaController namer) {
        // Created in an order that is neither the age order nor the name order, as in a cluster that has run a
        // while: the oldest pod is the second one listed.
        int[] ageMinutes = {20, 60, 40};
        Instant now = Instant.now();
        String namespace = deployment.getMetadata().getNamespace();
        for (int i = 0; i < deployment.getSpec().getReplicas(); i++) {
            Instant created = now.minus(Duration.ofMinutes(ageMinutes[i % ageMinutes.length] + i / ageMinutes.length));
            controllerClient.pods().inNamespace(namespace)
                    .resource(seedPod(deployment, nodes.get(i % nodes.size()), created, namer)).create();
        }
    }

    static Node node(String name) {
        List<NodeCondition> conditions = List.of(condition("Ready", "True"), condition("MemoryPressure", "False"),
                condition("DiskPressure", "False"), condition("PIDPressure", "False"),
                condition("NetworkUnavailable", "False"));
        return new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("chaos-action.dev/sandbox", "true").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withConditions(conditions).endStatus()
                .build();
    }

    private static NodeCondition condition(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).build();
    }

    private static Deployment deploymentSpec(String namespace, String name, int replicas) {
        Map<String, String> labels = Map.of("app", name);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27")
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec()
                // Seeded as it will be: all replicas up, so nobody sees a half-started sandbox.
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).endStatus()
                .build();
    }

    private static Pod seedPod(Deployment deployment, String node, Instant created, ReplicaController namer) {
        String name = deployment.getMetadata().getName();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(namer.podName(name)).withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .addToAnnotations(SandboxStore.CREATED_AT, created.toString())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(name + "-" + ReplicaController.templateHash(name))
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withSpec(new PodSpecBuilder(deployment.getSpec().getTemplate().getSpec()).withNodeName(node).build())
                .build();
        pod.setStatus(PodStates.running(pod, created));
        return pod;
    }

    private Path writeKubeconfig(Path file) throws IOException {
        io.fabric8.kubernetes.api.model.Config config = new io.fabric8.kubernetes.api.model.ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addNewCluster().withName(CONTEXT).withNewCluster().withServer(masterUrl).endCluster().endCluster()
                .addNewUser().withName(CONTEXT).withNewUser().endUser().endUser()
                .addNewContext().withName(CONTEXT).withNewContext().withCluster(CONTEXT).withUser(CONTEXT)
                .withNamespace(settings.namespace).endContext().endContext()
                .withCurrentContext(CONTEXT)
                .build();
        Files.writeString(file, "# chaos-action sandbox: a SIMULATED cluster, not a real one.\n"
                + Serialization.asYaml(config));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Options; every one has a default that suits a first try. */
    public static final class Builder {
        private String namespace = "shop";
        private String deployment = "web";
        private int replicas = 3;
        private Duration recreateDelay = Duration.ofSeconds(2);
        private Duration readyDelay = Duration.ofSeconds(1);
        private int minReady = 2;
        private int healthPort;
        private int apiPort;
        private Path kubeconfig;
        private boolean mlService;
        private boolean mlMisconfigured;

        private Builder() {}

        /** Adds the product brief's ML service ({@link MlService}) beside the shop. */
        public Builder mlService(boolean mlService) {
            this.mlService = mlService;
            return this;
        }

        /**
         * Makes the ML service misconfigured: its input checks are off, so out-of-distribution inputs reach the
         * simulated model, which fails with 500 instead of answering 422.
         */
        public Builder mlMisconfigured(boolean misconfigured) {
            this.mlMisconfigured = misconfigured;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** The Deployment's name, also its pods' {@code app} label. */
        public Builder deployment(String deployment) {
            this.deployment = deployment;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /** How long a deleted pod stays missing before the controller recreates it. */
        public Builder recreateDelay(Duration recreateDelay) {
            this.recreateDelay = recreateDelay;
            return this;
        }

        /** How long a recreated pod stays Pending before it is Running and Ready. */
        public Builder readyDelay(Duration readyDelay) {
            this.readyDelay = readyDelay;
            return this;
        }

        /** The ready pods the health endpoint needs to answer UP. */
        public Builder minReady(int minReady) {
            this.minReady = minReady;
            return this;
        }

        /** The health endpoint's port; 0 (the default) picks a free one. */
        public Builder healthPort(int healthPort) {
            this.healthPort = healthPort;
            return this;
        }

        /** The API server's port; 0 (the default) picks a free one. */
        public Builder apiPort(int apiPort) {
            this.apiPort = apiPort;
            return this;
        }

        /** Where to write the kubeconfig; by default a temporary file, deleted on close. */
        public Builder kubeconfig(Path kubeconfig) {
            this.kubeconfig = kubeconfig;
            return this;
        }

        public Sandbox start() {
            if (replicas < 0 || minReady < 0) throw new IllegalArgumentException("replicas and minReady must be >= 0");
            return new Sandbox(this);
        }
    }
}
