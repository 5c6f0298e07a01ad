package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Where calls into fabric8 begin. Chaos Toolkit turns any exception a Python function raises into a failed
 * activity; so do we, with the API's own words for an API error instead of a stack trace.
 */
final class Api {
    private Api() {}

    static Object invoke(Impl impl, Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        try {
            return impl.call(cluster, args, context);
        } catch (RunInterrupted e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw new ActivityFailed(args.func() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw new ActivityFailed(args.func() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The API's answer in one line: the HTTP code and the Status message, or the transport's failure. */
    static String describe(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : rootMessage(e);
        return e.getCode() > 0 ? "Kubernetes API answered " + e.getCode() + ": " + message
                : "Kubernetes API call failed: " + message;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
