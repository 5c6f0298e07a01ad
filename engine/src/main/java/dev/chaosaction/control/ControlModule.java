package dev.chaosaction.control;

import dev.chaosaction.experiment.Problem;
import java.util.List;
import java.util.Map;

/**
 * A control module served natively, named as experiments name the Python module
 * ({@code chaosaddons.controls.safeguards}). Adapters register the modules they serve; the engine imports none.
 */
public interface ControlModule {

    /** The module name a control's {@code provider.module} gives. */
    String module();

    /**
     * The module's {@code validate_control}: problems in the control's {@code arguments}.
     *
     * @param path where the arguments are, for the problems' paths
     */
    default List<Problem> validate(Map<String, Object> arguments, String path, ActivityChecks checks) {
        return List.of();
    }

    /** {@code configure_control}: the control's instance for one run; {@code arguments} are as declared. */
    Control configure(Map<String, Object> arguments, ControlRun run);

    /** How a module validates the activities in its arguments as the engine validates the experiment's. */
    interface ActivityChecks {
        List<Problem> activity(Object activity, String path);

        List<Problem> tolerance(Object tolerance, String path);
    }
}
