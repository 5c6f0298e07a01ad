package dev.chaosaction.cli;

import dev.chaosaction.sandbox.ControlPlaneSandbox;
import dev.chaosaction.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos sandbox}: a SIMULATED cluster on this machine for trying experiments without one. It is the
 * fabric8 Kubernetes mock server seeded with a Deployment whose deleted pods come back after a delay, and a
 * health endpoint that reports UP while enough pods are ready. With an experiment, it runs it against the
 * simulation and exits with the run's code; without one, it serves until interrupted.
 */
final class SandboxCommand implements Callable<Integer> {
    private final Chaos chaos;
    private final CommandSpec spec;

    SandboxCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("sandbox", this, null,
                "Start a simulated Kubernetes cluster (not a real one) and optionally run SOURCE against it.");
        spec.addPositional(Specs.positional(String.class, "SOURCE", "0..1",
                "An experiment (file or http(s) URL) to run against the sandbox."));
        spec.addOption(Specs.option("--journal-path", Path.class, "<journalPath>", "./journal.json",
                "Where the journal goes."));
        spec.addOption(Specs.option("--replicas", int.class, "<replicas>", "3", "Pods of the simulated Deployment."));
        spec.addOption(Specs.option("--health-port", int.class, "<healthPort>", "0",
                "Port of the health endpoint (0: any free one)."));
        spec.addOption(Specs.option("--recreate-delay", double.class, "<recreateDelay>", "2",
                "Seconds before a deleted pod is replaced."));
        spec.addOption(Specs.option("--kube-bin", Path.class, "<dir>", null, "Run on a real Kubernetes control "
                + "plane from these binaries (kube/build.sh builds them; CHAOS_KUBE_BIN) instead of the simulation."));
        spec.addOption(Specs.repeated("--var", String.class, "key[:type]=value", "Set a configuration value."));
        spec.addOption(Specs.flag("Simulate a misconfigured ML service: its input checks are off, so"
                + " out-of-distribution inputs fail with 500 instead of 422.", "--ml-misconfigured"));
        spec.addOption(Specs.flag("Print only problems and the final status.", "-q", "--quiet"));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        if (!SandboxJars.onClassPath()) {
            return SandboxJars.runBeside(SandboxJars.beside().orElseThrow(), chaos.arguments());
        }
        Path kubeBin = Specs.value(spec, "--kube-bin");
        if (kubeBin != null) {
            try (ControlPlaneSandbox real = ControlPlaneSandbox.start(kubeBin, Specs.value(spec, "--replicas"),
                    Specs.value(spec, "--health-port"))) {
                real.awaitReady(Duration.ofMinutes(2));
                System.err.println(real.banner());
                return runOrServe(env(real.kubeconfig(), real.healthUrl(), real.namespace()));
            }
        }
        double recreateDelay = Specs.value(spec, "--recreate-delay");
        try (Sandbox sandbox = Sandbox.builder().replicas(Specs.value(spec, "--replicas"))
                .healthPort(Specs.value(spec, "--health-port")).mlService(true)
                .mlMisconfigured(Specs.isSet(spec, "--ml-misconfigured"))
                .recreateDelay(Duration.ofMillis((long) (recreateDelay * 1000))).start();
             AutoCloseable routes = sandbox.serviceRoutes().install()) {
            sandbox.awaitReady(Duration.ofSeconds(30));
            System.err.println(sandbox.banner());
            System.err.println("Service names routed inside this process only (simulated DNS): "
                    + String.join(", ", new java.util.TreeSet<>(sandbox.serviceRoutes().hosts())));
            return runOrServe(env(sandbox.kubeconfig(), sandbox.healthUrl(), sandbox.namespace()));
        }
    }

    private static Map<String, String> env(Path kubeconfig, String healthUrl, String namespace) {
        return Map.of("KUBECONFIG", kubeconfig.toString(), "CHAOS_BASE_URL", healthUrl.replaceFirst("/health$", ""),
                "CHAOS_NAMESPACE", namespace);
    }

    private int runOrServe(Map<String, String> env) throws Exception {
        String source = Specs.positional(spec);
        if (source == null) return serve(env);
        RunCommand run = new RunCommand(chaos);
        run.source = source;
        run.journalPath = Specs.value(spec, "--journal-path");
        run.vars = Specs.values(spec, "--var");
        run.quiet = Specs.isSet(spec, "--quiet");
        return run.call(env);
    }

    /** Prints how to point experiments at the sandbox, then waits for Ctrl-C. */
    private static int serve(Map<String, String> env) throws InterruptedException {
        env.forEach((k, v) -> System.out.println("export " + k + "=" + v));
        System.err.println("Serving the sandbox; press Ctrl-C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
        return 0;
    }
}
