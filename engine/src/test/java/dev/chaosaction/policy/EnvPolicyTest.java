package dev.chaosaction.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Configuration;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvPolicyTest {
    private final EnvPolicy policy = EnvPolicy.allowing("APP_*, SHOP_URL, AWS_*, GITHUB_TOKEN", "CHAOS_ALLOWED_ENV");

    @ParameterizedTest
    @ValueSource(strings = {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "_X_AMZN_TRACE_ID", "_HANDLER",
            "LAMBDA_TASK_ROOT", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN", "GITHUB_TOKEN",
            "INPUT_VARS", "RUNNER_TEMP", "GH_TOKEN", "aws_secret_access_key"})
    void theRuntimesOwnVariablesAreNeverReadableWhateverTheListSays(String name) {
        assertFalse(policy.readable(name));
        assertTrue(policy.refusal(name).contains("belongs to the runtime"), policy.refusal(name));
    }

    @Test
    void onlyListedNamesAndPrefixesAreReadable() {
        assertTrue(policy.readable("APP_TOKEN"));
        assertTrue(policy.readable("SHOP_URL"));
        assertFalse(policy.readable("SHOP_URL_2"));
        assertFalse(policy.readable("HOME"));
        assertEquals(Map.of("APP_TOKEN", "t"), policy.visible(Map.of("APP_TOKEN", "t", "AWS_SECRET_ACCESS_KEY", "k",
                "HOME", "/root")));
        assertEquals(Map.of("APP_TOKEN", "t", "PATH", "/bin"), policy.forProcesses(Map.of("APP_TOKEN", "t",
                "PATH", "/bin", "AWS_SESSION_TOKEN", "s")));
    }

    @Test
    void theCommandLineReadsEverything() {
        assertTrue(EnvPolicy.OPEN.readable("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void aHiddenVariableIsMissingItsDefaultAppliesAndTheProblemSaysWhy() throws InvalidExperimentException {
        Map<String, String> visible = policy.visible(Map.of("HOME", "/root"));
        assertEquals(Map.of("home", "/tmp"), Configuration.load(Map.of("home",
                Map.of("type", "env", "key", "HOME", "default", "/tmp")), visible, policy));
        InvalidExperimentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidExperimentException.class,
                () -> Configuration.load(Map.of("k", Map.of("type", "env", "key", "AWS_SECRET_ACCESS_KEY")),
                        visible, policy));
        assertEquals(List.of("/configuration/k"), e.problems().stream().map(Problem::path).toList());
    }
}
