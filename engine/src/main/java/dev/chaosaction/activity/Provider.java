package dev.chaosaction.activity;

import java.util.Map;

/**
 * Runs one kind of Chaos Toolkit provider block ({@code "type": "http"}, {@code "process"}). The runner
 * dispatches on {@code provider.type} and hands over the block with its {@code ${}} placeholders already
 * substituted. Not sealed, so that the runner may put its python-provider bridge behind the same call.
 */
public interface Provider {
    /**
     * Runs the provider once.
     *
     * @param provider the substituted provider block
     * @param cancel   the run's cancellation: a cancelled run stops the call and gets {@link RunInterrupted}
     * @return the activity's output, as Chaos Toolkit would record it in the journal
     * @throws ActivityFailed when the activity ran and failed (timeout, connection refused...)
     */
    Object call(Map<String, Object> provider, CancelToken cancel) throws ActivityFailed;
}
