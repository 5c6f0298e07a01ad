package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.sandbox.ApiCall;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacker writes the experiment: a namespace or name that walks the URL path ({@code shop/../kube-system})
 * would pass the guardrails, which are asked about the string, and reach another namespace once the HTTP client
 * resolves the dot segments; an empty namespace is every namespace to fabric8. Such names are refused before the
 * first action, and when a variable brings one in at run time, before any request.
 */
class PathTraversalTest {
    private Sandbox sandbox;
    private Engine engine;
    private int setUpCalls;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().recreateDelay(Duration.ofHours(1)).start();
        sandbox.client().pods().inNamespace("kube-system").resource(new PodBuilder()
                .withNewMetadata().withName("coredns-1").withNamespace("kube-system").endMetadata()
                .withNewSpec().addNewContainer().withName("coredns").withImage("coredns").endContainer().endSpec()
                .build()).create();
        setUpCalls = sandbox.apiCalls().size();
        engine = new Engine(EngineOptions.of(Map.of(), List.of(Kubernetes.libraryFactory())));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aNamespaceWalkingTheUrlPathIsRefusedBeforeTheFirstAction() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> prepare(experiment("shop/../kube-system", "")));

        assertEquals(List.of(
                new Problem("/method/0/provider/arguments/ns", "argument 'ns' of 'terminate_pods' must be a name, "
                        + "one segment of a URL path, and it contains '/'"),
                new Problem("/method/1/provider/arguments/name", "argument 'name' of 'scale_deployment' must be "
                        + "a name, one segment of a URL path, and it is '..'"),
                new Problem("/method/1/provider/arguments/ns", "argument 'ns' of 'scale_deployment' must be a name, "
                        + "one segment of a URL path, and it contains '/'")),
                e.problems().stream().filter(p -> p.path().contains("/arguments/")).toList());
        assertUntouched();
    }

    @Test
    void anEmptyNamespaceWhichFabric8ReadsAsEveryNamespaceIsRefusedBeforeTheFirstAction() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> prepare(experiment("", "")));

        assertEquals(new Problem("/method/0/provider/arguments/ns", "argument 'ns' of 'terminate_pods' must be "
                + "a name, one segment of a URL path, and it is empty"), e.problems().getFirst());
        assertUntouched();
    }

    @Test
    void aNamespaceOfNoneIsRefusedBeforeTheFirstAction() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> prepare(experiment("", "").replace("\"ns\": \"\"", "\"ns\": null")));

        assertEquals(new Problem("/method/0/provider/arguments/ns", "argument 'ns' of 'terminate_pods' must be "
                + "str, not NoneType"), e.problems().getFirst());
        assertUntouched();
    }

    @Test
    void aNameAVariableBringsInAtRunTimeFailsTheActivityBeforeAnyRequest() throws InvalidExperimentException {
        String experiment = experiment("${ns}", ", \"ns\": {\"type\": \"env\", \"key\": \"TARGET_NS\"}")
                .replace("\"name\": \"..\"", "\"name\": \"web\"");
        Engine withEnv = new Engine(EngineOptions.of(Map.of("TARGET_NS", "shop%2F..%2Fkube-system"),
                List.of(Kubernetes.libraryFactory())));
        var prepared = withEnv.prepare(ExperimentLoader.parse(experiment, ExperimentLoader.Format.JSON),
                Overrides.NONE, true);

        Journal journal = withEnv.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "walk");

        assertEquals("failed", journal.run().getFirst().status());
        assertTrue(journal.run().getFirst().failure().contains("it contains '%'"), journal.run().getFirst().failure());
        assertUntouched();
    }

    private void assertUntouched() {
        assertEquals(1, sandbox.client().pods().inNamespace("kube-system").list().getItems().size());
        List<ApiCall> calls = sandbox.apiCalls();
        assertEquals(List.of(), calls.subList(setUpCalls, calls.size()).stream()
                .filter(c -> !c.method().equals("GET")).toList());
    }

    private Object prepare(String experiment) throws InvalidExperimentException {
        return engine.prepare(ExperimentLoader.parse(experiment, ExperimentLoader.Format.JSON), Overrides.NONE, true);
    }

    /** {@code namespace} for both actions; {@code configuration} is appended to the configuration's keys. */
    private String experiment(String namespace, String configuration) {
        return """
                {"title": "walk the path", "description": "the author is not the operator",
                 "method": [
                   {"type": "action", "name": "kill", "provider": {"type": "python", "module": "chaosk8s.pod.actions",
                    "func": "terminate_pods", "arguments": {"ns": "%s", "all": true}}},
                   {"type": "action", "name": "scale", "provider": {"type": "python",
                    "module": "chaosk8s.deployment.actions", "func": "scale_deployment",
                    "arguments": {"name": "..", "replicas": 0, "ns": "%s"}}}],
                 "configuration": {"kubeconfig": "%s"%s}}""".formatted(namespace, namespace,
                sandbox.kubeconfig().toString().replace("\\", "\\\\"), configuration);
    }
}
