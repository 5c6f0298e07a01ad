package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * Where calls into fabric8 begin. Chaos Toolkit turns any exception a Python function raises into a failed
 * activity; so do we, with the API's own words for an API error instead of a stack trace. A call the run's
 * stop cut short is an interruption, not a failure.
 */
final class Api {
    private Api() {}

    static Object invoke(Impl impl, Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        try (Interruption ignored = new Interruption(context.cancel())) {
            return impl.call(cluster, args, context);
        } catch (RunInterrupted e) {
            throw e;
        } catch (ActivityFailed e) {
            context.cancel().throwIfCancelled();
            throw e;
        } catch (KubernetesClientException e) {
            context.cancel().throwIfCancelled();
            throw new ActivityFailed(args.func() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            context.cancel().throwIfCancelled();
            throw new ActivityFailed(args.func() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Interrupts the calling thread when the run is stopped during the call: fabric8 waits for its answers, and
     * for its retries however long a {@code Retry-After} asks, in that thread. Once the call is over the
     * interrupt is cleared, since the same thread goes on to play the rollbacks.
     */
    private static final class Interruption implements AutoCloseable {
        private final Thread caller = Thread.currentThread();
        private final CancelToken.Registration registration;
        private boolean active = true;
        private boolean fired;

        Interruption(CancelToken cancel) {
            registration = cancel.onCancel(this::interrupt);
        }

        private synchronized void interrupt() {
            if (!active) return;
            fired = true;
            caller.interrupt();
        }

        @Override
        public synchronized void close() {
            active = false;
            registration.close();
            if (fired) Thread.interrupted();
        }
    }

    /** The API's answer in one line: the HTTP code and the Status message, or the transport's failure. */
    static String describe(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : transportMessage(e);
        return e.getCode() > 0 ? "Kubernetes API answered " + e.getCode() + ": " + message
                : "Kubernetes API call failed: " + message;
    }

    /**
     * The first I/O failure's words ("unexpected end of stream on http://…", "Failed to connect to …"): the
     * causes below it are the socket library's, e.g. {@code \n not found: limit=0}. Else the root cause's.
     */
    private static String transportMessage(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) return t.getMessage();
            root = t;
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
