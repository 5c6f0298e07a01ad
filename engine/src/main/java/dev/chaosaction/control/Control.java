package dev.chaosaction.control;

import java.util.Map;

/**
 * One declared control for one run, made by its module's {@link ControlModule#configure} (Chaos Toolkit's
 * {@code configure_control}). Every hook is optional. A hook that throws is ignored, as Chaos Toolkit ignores
 * it, except {@link Interrupt}, which interrupts the run. Hooks may be called from several threads
 * (background activities, the continuous hypothesis).
 */
public interface Control {

    /** {@code before_<level>_control}; {@code arguments} are the provider's, substituted. */
    default void before(Level level, Map<String, Object> context, Map<String, Object> arguments) {}

    /** {@code after_<level>_control}; {@code state} is what the level produced (see {@link Level}), or null. */
    default void after(Level level, Map<String, Object> context, Object state, Map<String, Object> arguments) {}

    /** {@code cleanup_control}, once at the end of the run. */
    default void cleanup() {}

    /** Chaos Toolkit's {@code InterruptExecution}: a hook that throws it interrupts the run. */
    final class Interrupt extends RuntimeException {
        public Interrupt(String message) {
            super(message, null, false, false);
        }
    }
}
