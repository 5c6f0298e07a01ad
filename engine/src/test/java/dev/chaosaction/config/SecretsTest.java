package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String VAULT = "Vault secrets are not supported by this runner: put the value in an"
            + " environment variable and declare {\"type\": \"env\", \"key\": \"NAME\"}, or pass the scope in the"
            + " 'secrets' section of a --var-file";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void scopesAreResolvedInDeclarationOrderWithEnvValuesAsText() throws Exception {
        Map<String, Map<String, Object>> secrets = Secrets.load(json("""
                {"k8s": {"KUBERNETES_CONTEXT": "prod", "KUBERNETES_API_KEY": {"type": "env", "key": "API_KEY"}},
                 "aws": {"port": 5432, "nested": {"user": "jane", "pass": {"type": "env", "key": "DB_PASS"}}},
                 "empty": {}}
                """), Map.of("API_KEY", "k-123", "DB_PASS", "0"));

        assertEquals(json("""
                {"k8s": {"KUBERNETES_CONTEXT": "prod", "KUBERNETES_API_KEY": "k-123"},
                 "aws": {"port": 5432, "nested": {"user": "jane", "pass": "0"}},
                 "empty": {}}
                """), secrets);
        assertEquals(List.of("k8s", "aws", "empty"), List.copyOf(secrets.keySet()));
        assertEquals(List.of("KUBERNETES_CONTEXT", "KUBERNETES_API_KEY"), List.copyOf(secrets.get("k8s").keySet()));
    }

    @Test
    void missingVariablesVaultAndMalformedScopesAreAllReported() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class, () -> Secrets.load(json("""
                {"k8s": {"token": {"type": "env", "key": "K8S_TOKEN"},
                         "ignored_default": {"type": "env", "key": "ALSO_MISSING", "default": "x"}},
                 "db": {"password": {"type": "vault", "path": "db/creds", "key": "password"}},
                 "flat": "not a scope",
                 "deep": {"a": {"b": {"type": "env", "key": "DEEP"}}},
                 "bad": {"k": {"type": "env", "key": ""}}}
                """), Map.of()));

        assertEquals(List.of(
                new Problem("/secrets/k8s/token",
                        "Secrets make reference to an environment key that does not exist: K8S_TOKEN"),
                new Problem("/secrets/k8s/ignored_default",
                        "Secrets make reference to an environment key that does not exist: ALSO_MISSING"),
                new Problem("/secrets/db/password", VAULT),
                new Problem("/secrets/flat", "a secret scope must be a mapping of names to values"),
                new Problem("/secrets/deep/a/b",
                        "Secrets make reference to an environment key that does not exist: DEEP"),
                new Problem("/secrets/bad/k/key", "an env definition needs a 'key' naming the environment variable")),
                e.problems());
    }

    @Test
    void noSecretsIsAnEmptyMap() throws Exception {
        assertEquals(Map.of(), Secrets.load(null, Map.of()));
    }
}
