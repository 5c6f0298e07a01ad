package dev.chaosaction.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaosaction.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential suite: every case of the corpus run through Chaos Toolkit's {@code chaos} (the oracle) and
 * ours, one test per case. A case passes when the two agree, or when they differ and {@code DIVERGENCES.md}
 * lists the case; a listed case that agrees fails too (the entry is stale).
 */
class DifferentialTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path RUNS = ROOT.resolve("target/compat-runs");

    /** What both tools did with one case, normalised, and where they differ. */
    record Result(Map<String, Object> ctk, Map<String, Object> ours, List<String> differences) {}

    private static Endpoints endpoints;
    private static ExecutorService pool;

    @AfterAll
    static void stop() {
        if (pool != null) pool.shutdownNow();
        if (endpoints != null) endpoints.close();
        PrometheusPeer.stop();
    }

    @TestFactory
    Stream<DynamicTest> chaosToolkitAgrees() {
        requireChaosToolkit();
        Divergences divergences = Divergences.read(ROOT.resolve("DIVERGENCES.md"));
        String only = System.getProperty("compat.cases");
        List<Case> cases = Corpus.all(ROOT).stream()
                .filter(c -> only == null || new Divergences.Divergence("", List.of(only.split(",")), "").covers(c.id()))
                .toList();
        Map<String, Long> ids = cases.stream().collect(Collectors.groupingBy(Case::id, Collectors.counting()));
        ids.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), ids, "case ids must be unique");
        endpoints = new Endpoints();
        pool = Executors.newFixedThreadPool(threads());
        Map<String, Future<Result>> results = new LinkedHashMap<>();
        for (Case c : cases) results.put(c.id(), pool.submit(() -> compare(c)));
        Map<String, Boolean> agreed = new ConcurrentHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> check(c, await(results.get(c.id())), divergences, agreed)));
        }
        tests.add(DynamicTest.dynamicTest("every divergence names a case of the corpus", () -> {
            List<String> unused = divergences.rows().stream()
                    .filter(d -> only == null && !d.globs().isEmpty() && cases.stream().noneMatch(c -> d.covers(c.id())))
                    .map(Divergences.Divergence::id).toList();
            assertEquals(List.of(), unused, "DIVERGENCES.md rows whose case patterns match no case");
        }));
        tests.add(DynamicTest.dynamicTest("summary", () -> summary(cases, agreed)));
        return tests.stream();
    }

    private static void requireChaosToolkit() {
        if (Tool.ctkHome() != null) return;
        String why = "Chaos Toolkit is not installed: CHAOS_CTK_HOME must name a virtual environment with bin/chaos "
                + "(bash .ci/run makes one; or source .ci/setup.d/10-chaostoolkit.sh); was "
                + System.getenv("CHAOS_CTK_HOME");
        if ("true".equals(System.getenv("CI"))) fail(why);
        Assumptions.abort(why + "; the differential suite is skipped");
    }

    private static int threads() {
        String n = System.getenv("CHAOS_COMPAT_THREADS");
        return n != null ? Integer.parseInt(n) : 2 * Runtime.getRuntime().availableProcessors();
    }

    private static Result await(Future<Result> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void check(Case c, Result result, Divergences divergences, Map<String, Boolean> agreed) {
        List<Divergences.Divergence> listed = divergences.covering(c.id());
        agreed.put(c.id(), result.differences().isEmpty());
        if (result.differences().isEmpty()) {
            assertTrue(listed.isEmpty(), () -> "stale entry in DIVERGENCES.md: case " + c.id()
                    + " now agrees with Chaos Toolkit, but " + listed.stream().map(Divergences.Divergence::id).toList()
                    + " lists it");
        } else if (listed.isEmpty()) {
            fail("differs from Chaos Toolkit (fix it, or list it in compat/DIVERGENCES.md with the reason):\n  "
                    + String.join("\n  ", result.differences()) + "\n  (both runs are in " + RUNS.resolve(c.id()) + ")");
        }
    }

    private static void summary(List<Case> cases, Map<String, Boolean> agreed) throws IOException {
        long agree = agreed.values().stream().filter(b -> b).count();
        String line = cases.size() + " cases, " + agree + " agree with Chaos Toolkit, "
                + (agreed.size() - agree) + " are listed divergences";
        Files.createDirectories(RUNS);
        Files.writeString(RUNS.resolve("summary.txt"), line + "\n");
        System.out.println("[compat] " + line);
    }

    private static Result compare(Case c) {
        Map<String, Object> ctk = Normalised.of(runOne(c, Tool.CTK), c.command().equals("run"));
        Map<String, Object> ours = Normalised.of(runOne(c, Tool.OURS), c.command().equals("run"));
        Result result = new Result(ctk, ours, Normalised.differences(ctk, ours));
        try {
            // Each case's verdict as soon as it is known, for whoever watches a long run.
            Files.writeString(RUNS.resolve(c.id()).resolve("differences.txt"), String.join("\n", result.differences()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** One tool's run of a case; a cluster case gets a sandbox of its own, as fresh as the other tool's. */
    private static Tool.Outcome runOne(Case c, Tool tool) {
        Path dir = RUNS.resolve(c.id()).resolve(tool.name().toLowerCase());
        delete(dir);
        Map<String, String> env = new HashMap<>(c.env());
        String text = c.experiment().replace("@HTTP@", endpoints.base());
        if (PrometheusPeer.wanted(text)) text = PrometheusPeer.substitute(text);
        if (!c.cluster()) {
            env.put("KUBECONFIG", dir.resolve("no-cluster.kubeconfig").toString());
            return tool.run(c, text, env, dir);
        }
        try (Sandbox sandbox = Sandbox.builder().recreateDelay(Duration.ofMillis(300))
                .readyDelay(Duration.ofMillis(100)).start()) {
            String health = sandbox.healthUrl();
            env.put("KUBECONFIG", sandbox.kubeconfig().toString());
            env.replaceAll((k, v) -> v.replace("@HEALTH_BASE@", health.substring(0, health.lastIndexOf('/'))));
            return tool.run(c, text.replace("@HEALTH@", health), env, dir);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
