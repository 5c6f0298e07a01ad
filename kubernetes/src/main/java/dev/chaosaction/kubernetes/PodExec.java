package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One command in one container, over the API server's exec stream. */
final class PodExec {
    record Result(int exitCode, String stdout, String stderr) {}

    private PodExec() {}

    static Result run(KubernetesClient client, String namespace, String pod, String container, List<String> command,
                      long timeoutSeconds, CancelToken cancel) throws ActivityFailed {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).exec(command.toArray(String[]::new));
             CancelToken.Registration ignored = cancel.onCancel(watch::close)) {
            Integer code = watch.exitCode().get(timeoutSeconds, TimeUnit.SECONDS);
            cancel.throwIfCancelled();
            return new Result(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new ActivityFailed("exec_in_pods: the command did not finish within " + timeoutSeconds
                    + "s in pod '" + pod + "'");
        } catch (ExecutionException e) {
            cancel.throwIfCancelled();
            throw new ActivityFailed("exec_in_pods: cannot run the command in pod '" + pod + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted("thread interrupted");
        }
    }
}
