package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.safety.Guardrails;
import java.util.List;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Kubernetes path walked once without a cluster, so that a snapshot (SnapStart) or an AOT cache holds it
 * loaded, linked and warm: a built-in kubeconfig is read and a client built as {@link ClusterConnector} builds one
 * (TLS and token set-up included), then {@code count_pods} and {@code terminate_pods} run through the library,
 * their requests answered inside the process with a pod list and a deleted pod. Nothing is sent: the answers come
 * from an OkHttp interceptor, before any name is resolved or connection opened.
 */
final class KubernetesPriming {
    /** Where the built-in kubeconfig points; {@code .invalid} never resolves, should anything try. */
    static final String SERVER = "https://kubernetes.priming.invalid";
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: priming
              cluster: {server: "%s"}
            users:
            - name: priming
              user: {token: priming}
            contexts:
            - name: priming
              context: {cluster: priming, user: priming, namespace: shop}
            current-context: priming
            """;
    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "%s", "namespace": "shop", "uid": "%s", "labels": {"app": "web"},
              "creationTimestamp": "2026-01-01T00:00:00Z", "resourceVersion": "1",
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d8c", "uid": "r1",
               "controller": true}]},
             "spec": {"nodeName": "node-1", "terminationGracePeriodSeconds": 30,
              "containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 8080}],
               "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}},
               "readinessProbe": {"httpGet": {"path": "/health", "port": 8080}, "periodSeconds": 5}}]},
             "status": {"phase": "Running", "podIP": "10.0.0.2", "startTime": "2026-01-01T00:00:01Z",
              "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:02Z"}],
              "containerStatuses": [{"name": "web", "ready": true, "restartCount": 0, "image": "nginx:1.27",
               "imageID": "", "state": {"running": {"startedAt": "2026-01-01T00:00:02Z"}}}]}}
            """;
    private static final String POD_LIST = "{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"metadata\": "
            + "{\"resourceVersion\": \"2\"}, \"items\": [" + POD.formatted("web-5d8c-a", "a") + ", "
            + POD.formatted("web-5d8c-b", "b") + "]}";
    private static final MediaType JSON = MediaType.get("application/json");

    private KubernetesPriming() {}

    /** Walks the path against the built-in server; returns the pods terminate_pods reports. */
    static List<?> prime() {
        return prime(SERVER);
    }

    /** Walks the path with a kubeconfig naming {@code server}; returns the pods terminate_pods reports. */
    static List<?> prime(String server) {
        Map<String, Object> selector = Map.of("label_selector", "app=web", "ns", "shop");
        try (FunctionLibrary library = new KubernetesLibrary(
                () -> ClusterConnector.offline(KUBECONFIG.formatted(server), KubernetesPriming::answer),
                Guardrails.defaults())) {
            FunctionContext context = new FunctionContext(Map.of(), Map.of(), new CancelToken(), false, Map.of());
            call(library, "chaosk8s.pod.probes", "count_pods", selector, context);
            return (List<?>) call(library, "chaosk8s.pod.actions", "terminate_pods", selector, context);
        }
    }

    private static Object call(FunctionLibrary library, String module, String func, Map<String, Object> arguments,
                               FunctionContext context) {
        FunctionLibrary.Entry entry = library.find(module, func).orElseThrow();
        try {
            return entry.function().call(entry.signature().withDefaults(arguments), context);
        } catch (ActivityFailed e) {
            throw new IllegalStateException("priming " + func + " failed: " + e.getMessage(), e);
        }
    }

    /** A list for a GET, the pod for anything else (a DELETE answers with the object it deletes). */
    private static Response answer(Interceptor.Chain chain) {
        Request request = chain.request();
        String body = "GET".equals(request.method()) ? POD_LIST : POD.formatted("web-5d8c-a", "a");
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(body, JSON)).build();
    }
}
