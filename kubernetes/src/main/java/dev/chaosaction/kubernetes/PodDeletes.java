package dev.chaosaction.kubernetes;

import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@code DELETE} of pods of one namespace, each request sent as it is through the client's own HTTP client
 * (its authentication, TLS, timeouts and, for {@link PodTerminator}, no retries), with the body fabric8's
 * {@code delete()} sends. Over a thousand pods, fabric8's DSL cost our process more CPU per call (an operation
 * context, the deleted pod read back into a model) than the API server took for the delete; the answer's body is
 * read only when it is an error.
 */
final class PodDeletes {
    private final HttpClient http;
    private final String pods;
    private final String body;
    private final long timeoutMillis;
    private final KubernetesClient client;

    /** @param gracePeriod seconds, or a negative number for each pod's own */
    PodDeletes(KubernetesClient client, String namespace, long gracePeriod) {
        this.client = client;
        this.http = client.getHttpClient();
        String master = client.getConfiguration().getMasterUrl();
        this.pods = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + namespace + "/pods/";
        DeleteOptions options = new DeleteOptions();
        options.setApiVersion("v1");
        options.setKind("DeleteOptions");
        options.setPropagationPolicy(DeletionPropagation.BACKGROUND.toString());
        if (gracePeriod >= 0) options.setGracePeriodSeconds(gracePeriod);
        this.body = client.getKubernetesSerialization().asJson(options);
        this.timeoutMillis = client.getConfiguration().getRequestTimeout();
    }

    /**
     * True when the API accepted the delete, false when it had no such pod; any other answer, or none, is a
     * {@link KubernetesClientException} with the API's code and Status (a code of -1 when no answer came).
     */
    boolean delete(String name) throws InterruptedException {
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(pods + name).delete("application/json", body);
        if (timeoutMillis > 0) request.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(), byte[].class);
        HttpResponse<byte[]> response;
        try {
            response = answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KubernetesClientException(cause.getMessage(), cause);
        }
        if (response.isSuccessful()) return true;
        if (response.code() == HTTP_NOT_FOUND) return false;
        // The API's Status, or one of the code and reason phrase (a proxy's page, say), as fabric8 makes it.
        throw new KubernetesClientException(OperationSupport.createStatus(response,
                client.getKubernetesSerialization()));
    }
}
