package dev.chaosaction.addons;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.control.Control;
import dev.chaosaction.control.ControlModule;
import dev.chaosaction.control.ControlRun;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chaosaddons.controls.safeguards} (chaostoolkit-addons), natively: probes that stop the run when they
 * fail. A probe without {@code frequency} or {@code background} is a pre-check, run before the experiment
 * starts (the run waits for all of them); {@code background: true} runs once beside the run;
 * {@code frequency: N} runs every N seconds until the run ends. The first probe whose tolerance is not met
 * interrupts the run (status {@code interrupted}, rollbacks as the strategy says, the journal names the probe).
 */
public final class SafeguardsControl implements ControlModule {
    public static final String MODULE = "chaosaddons.controls.safeguards";

    @Override
    public String module() {
        return MODULE;
    }

    /** chaosaddons' {@code validate_probes}, reporting every problem. */
    @Override
    public List<Problem> validate(Map<String, Object> arguments, String path, ActivityChecks checks) {
        Object probes = arguments.get("probes");
        if (!(probes instanceof List<?> items) || items.isEmpty()) {
            return List.of(new Problem(path + "/probes", "safeguard control must have at least one probe"));
        }
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String probePath = path + "/probes/" + i;
            out.addAll(checks.activity(items.get(i), probePath));
            Map<String, Object> probe = map(items.get(i));
            if (probe.containsKey("ref")) continue;
            if (probe.containsKey("type") && !"probe".equals(probe.get("type"))) {
                out.add(new Problem(probePath + "/type", "safeguard control '" + Py.str(probe.get("name"))
                        + "' should be of type 'probe' not '" + Py.str(probe.get("type")) + "'"));
            }
            if (!probe.containsKey("tolerance")) {
                out.add(new Problem(probePath, "safeguard control is invalid as the probe '"
                        + Py.str(probe.get("name")) + "' is missing a tolerance property"));
            } else {
                out.addAll(checks.tolerance(probe.get("tolerance"), probePath + "/tolerance"));
            }
            Object frequency = probe.get("frequency");
            if (frequency != null && !(frequency instanceof Number n && n.doubleValue() > 0)) {
                out.add(new Problem(probePath + "/frequency", "a safeguard's frequency must be a positive number "
                        + "of seconds"));
            }
        }
        return out;
    }

    @Override
    public Control configure(Map<String, Object> arguments, ControlRun run) {
        List<Map<String, Object>> probes = list(arguments.get("probes")).stream().map(p -> map(p)).toList();
        return new Guardian(probes, run);
    }
}
