package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code chaosk8s.pod.actions}. */
final class PodActions {
    private PodActions() {}

    /**
     * terminate_pods: returns the names of the pods deleted. Guardrails are checked before any pod is
     * touched; a selection that matches nothing fails unless {@code allow_empty}; in a dry run the chosen
     * pods are reported and left alone.
     */
    static Object terminatePods(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        PodSelection selection = PodSelection.from(args);
        cluster.guardrails().checkNamespace(selection.namespace());
        KubernetesClient client = cluster.client();
        PodSelection.Picked picked = selection.select(client);
        List<String> names = picked.names();
        if (names.isEmpty() && !args.bool("allow_empty")) {
            throw new ActivityFailed(args.func() + " found no pod to terminate among " + selection.describe()
                    + terminatingNote(picked) + "; set allow_empty: true if that is expected");
        }
        cluster.guardrails().reservePods(names.size());
        if (context.dryRun()) {
            Map<String, Object> preview = DryRun.preview("would_terminate", names);
            preview.put("namespace", selection.namespace());
            preview.put("already_terminating", picked.terminating());
            return preview;
        }
        if (names.isEmpty()) return new ArrayList<>();
        PodTerminator.Outcome outcome = PodTerminator.terminate(client, selection.namespace(), picked.pods(),
                args.integer("grace_period"), args.bool("use_eviction"), context.cancel());
        if (!outcome.failures().isEmpty()) {
            throw new ActivityFailed(args.func() + " terminated " + outcome.terminated().size() + " of "
                    + names.size() + " pods " + outcome.terminated() + "; not terminated: "
                    + String.join("; ", outcome.failures()));
        }
        return new ArrayList<>(outcome.terminated());
    }

    /** delete_pods (deprecated): terminate_pods(name_pattern=name, label_selector=…, ns=…), so one pod. */
    static Object deletePods(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        Map<String, Object> forwarded = new LinkedHashMap<>();
        forwarded.put("label_selector", args.raw("label_selector"));
        forwarded.put("name_pattern", args.raw("name"));
        forwarded.put("all", false);
        forwarded.put("rand", false);
        forwarded.put("mode", "fixed");
        forwarded.put("qty", 1L);
        forwarded.put("grace_period", -1L);
        forwarded.put("ns", args.raw("ns"));
        forwarded.put("order", "alphabetic");
        forwarded.put("allow_empty", false);
        forwarded.put("use_eviction", false);
        return terminatePods(cluster, new Args(args.func(), forwarded), context);
    }

    /**
     * exec_in_pods: runs {@code cmd} in each chosen pod and returns {@code [{pod_name, exit_code, cmd, stdout,
     * stderr}]}. Without {@code container_name} it runs in the pod's first container, as kubectl does (the
     * extension skipped every pod then).
     */
    static Object execInPods(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        List<String> command = command(args);
        PodSelection selection = PodSelection.from(args);
        cluster.guardrails().checkNamespace(selection.namespace());
        KubernetesClient client = cluster.client();
        List<GenericKubernetesResource> pods = selection.select(client).pods();
        if (context.dryRun()) {
            Map<String, Object> preview = DryRun.preview("would_exec_in", Pods.names(pods));
            preview.put("cmd", args.raw("cmd"));
            return preview;
        }
        String wanted = args.string("container_name");
        List<Object> results = new ArrayList<>();
        for (GenericKubernetesResource pod : pods) {
            String container = container(pod, wanted);
            if (container == null) continue;
            PodExec.Result result = PodExec.run(client, selection.namespace(), Pods.name(pod), container, command,
                    args.integer("request_timeout"), context.cancel());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pod_name", Pods.name(pod));
            entry.put("exit_code", (long) result.exitCode());
            entry.put("cmd", args.raw("cmd"));
            entry.put("stdout", result.stdout());
            entry.put("stderr", result.stderr());
            results.add(entry);
        }
        return results;
    }

    private static List<String> command(Args args) throws ActivityFailed {
        List<String> command = switch (args.raw("cmd")) {
            case String line -> ShellWords.split(line);
            case List<?> words -> words.stream().map(String::valueOf).toList();
            case null, default -> List.of();
        };
        if (command.isEmpty()) throw new ActivityFailed("A command must be set to run a container");
        return command;
    }

    /** The container to run in, or null when the pod has no container by the wanted name. */
    private static String container(GenericKubernetesResource pod, String wanted) {
        List<String> containers = Pods.containers(pod);
        if (wanted == null) return containers.isEmpty() ? null : containers.getFirst();
        return containers.contains(wanted) ? wanted : null;
    }

    private static String terminatingNote(PodSelection.Picked picked) {
        return picked.terminating().isEmpty() ? ""
                : " (" + picked.terminating().size() + " matching pod(s) already terminating: "
                        + String.join(", ", picked.terminating()) + ")";
    }
}
