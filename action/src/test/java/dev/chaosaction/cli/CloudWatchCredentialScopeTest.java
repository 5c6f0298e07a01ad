package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.EnvPolicy;
import dev.chaosaction.policy.FunctionPolicy;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.testing.Peers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whose AWS identities a CloudWatch probe may pick: on the command line (the open policy) the operator's profiles;
 * in the Action (an allow-list of environment variables: its author is not the operator) none, the probe fails
 * saying so before any client is made. Nothing here leaves the machine: the endpoint is a closed loopback port.
 */
class CloudWatchCredentialScopeTest {
    private static final Map<String, String> CLOSED = Map.of("AWS_ENDPOINT_URL",
            "http://127.0.0.1:" + Peers.freeLoopbackPort());

    private static String failure(TrustPolicy policy) {
        try (FunctionCatalog catalog = new FunctionCatalog(Invocation.libraries(policy).stream()
                .map(factory -> factory.create(Map.of(), CLOSED, Map.of())).toList())) {
            FunctionLibrary.Entry entry = catalog.find("chaosaws.cloudwatch.probes", "get_alarm_state_value")
                    .orElseThrow();
            FunctionContext context = new FunctionContext(Map.of("aws_region", "eu-west-1",
                    "aws_profile_name", "chaos-scope-test-nonexistent"), Map.of(), new CancelToken(), false, Map.of());
            return assertThrows(ActivityFailed.class, () -> entry.function().call(Map.of("alarm_name", "a"),
                    context)).getMessage();
        }
    }

    @Test
    void theActionsExperimentCannotNameAProfile() {
        TrustPolicy action = new TrustPolicy(EnvPolicy.allowing("", "allowed-env"), EgressPolicy.OPEN,
                FunctionPolicy.OPEN);
        assertTrue(failure(action).startsWith("configuration aws_profile_name picks one of the deployment's"),
                failure(action));
    }

    @Test
    void theCommandLinesExperimentNamesTheOperatorsProfiles() {
        String message = failure(TrustPolicy.OPEN);
        assertFalse(message.contains("deployment's"), message);
        assertTrue(message.startsWith("DescribeAlarms failed: "), message);
    }
}
