package dev.chaosaction.run;

import dev.chaosaction.config.Redactor;
import java.util.List;
import java.util.Map;

/**
 * An experiment ready to run: validated, with its configuration and secrets resolved. Getting here changes
 * nothing anywhere, so a bad experiment never touches a cluster.
 *
 * @param experiment    the experiment (overrides applied, aliases normalised)
 * @param configuration resolved configuration
 * @param secrets       resolved secret scopes
 * @param env           the environment the run sees
 * @param redactor      hides the secrets in journals and logs
 * @param warnings      what the user should know before it runs (a tolerance that can never pass, a tolerance
 *                      the brief's dialect implied), shown by the adapters and kept in the journal
 * @param globalControls the settings file's {@code controls} (name to control), applied to every experiment
 */
public record Prepared(Map<String, Object> experiment, Map<String, Object> configuration,
                       Map<String, Map<String, Object>> secrets, Map<String, String> env, Redactor redactor,
                       List<String> warnings, Map<String, Object> globalControls) {

    public Prepared(Map<String, Object> experiment, Map<String, Object> configuration,
                    Map<String, Map<String, Object>> secrets, Map<String, String> env, Redactor redactor) {
        this(experiment, configuration, secrets, env, redactor, List.of(), Map.of());
    }

    public String title() {
        return experiment.get("title") instanceof String s ? s : "";
    }
}
