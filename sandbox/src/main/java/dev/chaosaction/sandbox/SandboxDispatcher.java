package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The simulated API server: the mock's CRUD store for resources, plus what the mock lacks and chaos tools use
 * (pod eviction with PodDisruptionBudgets, logs, exec, listing pods by {@code spec.nodeName}), and a record of
 * the changes clients asked for.
 */
final class SandboxDispatcher extends Dispatcher {
    private static final Pattern POD_SUBRESOURCE =
            Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/(eviction|log|exec)(\\?.*)?");
    private static final Pattern POD_LIST = Pattern.compile("/api/v1(/namespaces/[^/]+)?/pods(\\?.*)?");
    private static final String BY_NODE = "spec.nodeName=";

    private final SandboxStore store = new SandboxStore();
    /** A queue, not a copy-on-write list: a thousand deletes would copy it a thousand times. */
    private final Queue<ApiCall> calls = new ConcurrentLinkedQueue<>();
    private final String ownUserAgent;

    /** @param ownUserAgent the sandbox's own clients' User-Agent, whose changes are not recorded */
    SandboxDispatcher(String ownUserAgent) {
        this.ownUserAgent = ownUserAgent;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if (!"GET".equals(request.getMethod()) && !ownUserAgent.equals(request.getHeader("User-Agent"))) {
            // getBytes() leaves the body for the store; reading it as UTF-8 would consume it.
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
            calls.add(new ApiCall(request.getMethod(), path, new String(body, StandardCharsets.UTF_8)));
        }
        if ("GET".equals(request.getMethod()) && POD_LIST.matcher(path).matches()) {
            String fieldSelector = url(path).queryParameter("fieldSelector");
            if (fieldSelector != null && fieldSelector.startsWith(BY_NODE) && !path.contains("watch=true")) {
                return podsOnNode(path, fieldSelector.substring(BY_NODE.length()));
            }
        }
        Matcher m = POD_SUBRESOURCE.matcher(path);
        if (!m.matches()) return store.dispatch(request);
        String ns = m.group(1);
        String pod = m.group(2);
        return switch (m.group(3)) {
            case "eviction" -> "POST".equals(request.getMethod()) ? evict(ns, pod)
                    : status(405, "MethodNotAllowed", "use POST");
            case "log" -> log(ns, pod, path);
            default -> exec(ns, pod, path);
        };
    }

    List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    /** The store's count of applied changes: unchanged means the cluster's resources are as they were. */
    long changes() {
        return store.changes();
    }

    @Override
    public void shutdown() {
        store.shutdown();
    }

    /** Serialised so that two evictions cannot both pass a budget that allows one. */
    private synchronized MockResponse evict(String ns, String name) {
        Pod pod = pod(ns, name);
        if (pod == null) return notFound(name);
        List<Pod> pods = Serialization.unmarshal(body("/api/v1/namespaces/" + ns + "/pods"), PodList.class).getItems();
        List<PodDisruptionBudget> budgets = Serialization.unmarshal(
                body("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets"), PodDisruptionBudgetList.class)
                .getItems();
        PodDisruptionBudget blocking = DisruptionBudgets.blocking(pod, pods, budgets);
        if (blocking != null) {
            return status(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget. "
                    + "The disruption budget " + blocking.getMetadata().getName() + " does not allow it now.");
        }
        store.handleDelete(podPath(ns, name));
        return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(
                new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").withCode(201).build()));
    }

    /** The pods of a node: the store knows only the metadata.name field selector. */
    private MockResponse podsOnNode(String path, String node) {
        HttpUrl all = url(path).newBuilder().removeAllQueryParameters("fieldSelector").build();
        String query = all.encodedQuery();
        PodList pods = Serialization.unmarshal(body(all.encodedPath() + (query == null ? "" : "?" + query)),
                PodList.class);
        pods.setItems(pods.getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).toList());
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(pods));
    }

    private MockResponse log(String ns, String name, String path) {
        Pod pod = pod(ns, name);
        if (pod == null) return notFound(name);
        boolean timestamps = "true".equals(url(path).queryParameter("timestamps"));
        String started = pod.getMetadata().getCreationTimestamp();
        String now = Instant.now().toString();
        String text = line(timestamps, started, "sandbox: simulated container of pod " + name + " started")
                + line(timestamps, now, "sandbox: GET /health 200");
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
    }

    private MockResponse exec(String ns, String name, String path) {
        if (pod(ns, name) == null) return notFound(name);
        return SimulatedExec.response(SimulatedExec.run(url(path).queryParameterValues("command").stream()
                .map(String::valueOf).toList()));
    }

    private Pod pod(String ns, String name) {
        MockResponse found = store.handleGet(podPath(ns, name));
        return found.code() == 200 ? Serialization.unmarshal(found.getBody().readUtf8(), Pod.class) : null;
    }

    private String body(String path) {
        return store.handleGet(path).getBody().readUtf8();
    }

    private static String podPath(String ns, String name) {
        return "/api/v1/namespaces/" + ns + "/pods/" + name;
    }

    private static String line(boolean timestamp, String at, String text) {
        return (timestamp ? at + " " : "") + text + "\n";
    }

    private static HttpUrl url(String path) {
        return HttpUrl.get("http://sandbox" + path);
    }

    private static MockResponse notFound(String pod) {
        return status(404, "NotFound", "pods \"" + pod + "\" not found");
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                        .withReason(reason).withMessage(message).withCode(code).build()));
    }
}
