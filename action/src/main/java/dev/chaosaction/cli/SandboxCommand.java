package dev.chaosaction.cli;

import dev.chaosaction.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chaos sandbox}: a SIMULATED cluster on this machine for trying experiments without one. It is the
 * fabric8 Kubernetes mock server seeded with a Deployment whose deleted pods come back after a delay, and a
 * health endpoint that reports UP while enough pods are ready. With an experiment, it runs it against the
 * simulation and exits with the run's code; without one, it serves until interrupted.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Start a simulated Kubernetes cluster (not a real one) and optionally run SOURCE against it.")
final class SandboxCommand implements Callable<Integer> {
    @ParentCommand
    Chaos chaos;

    @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "An experiment to run against the sandbox.")
    Path source;

    @Option(names = "--journal-path", defaultValue = "./journal.json", description = "Where the journal goes.")
    Path journalPath;

    @Option(names = "--replicas", defaultValue = "3", description = "Pods of the simulated Deployment.")
    int replicas;

    @Option(names = "--health-port", defaultValue = "0", description = "Port of the health endpoint (0: any free one).")
    int healthPort;

    @Option(names = "--recreate-delay", defaultValue = "2", description = "Seconds before a deleted pod is replaced.")
    double recreateDelay;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems and the final status.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        try (Sandbox sandbox = Sandbox.builder().replicas(replicas).healthPort(healthPort)
                .recreateDelay(Duration.ofMillis((long) (recreateDelay * 1000))).start()) {
            sandbox.awaitReady(Duration.ofSeconds(30));
            System.err.println(sandbox.banner());
            Map<String, String> env = Map.of(
                    "KUBECONFIG", sandbox.kubeconfig().toString(),
                    "CHAOS_BASE_URL", sandbox.healthUrl().replaceFirst("/health$", ""),
                    "CHAOS_NAMESPACE", sandbox.namespace());
            if (source == null) return serve(env);
            RunCommand run = new RunCommand();
            run.chaos = chaos;
            run.source = source;
            run.journalPath = journalPath;
            run.quiet = quiet;
            return run.call(env);
        }
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
