package dev.chaosaction.tolerance;

import dev.chaosaction.experiment.Problem;
import java.util.List;
import java.util.Map;

/** The caller's activity validator: a {@code {"type": "probe"}} tolerance is validated as a full activity. */
@FunctionalInterface
public interface ActivityCheck {
    List<Problem> check(Map<String, Object> activity, String path);
}
