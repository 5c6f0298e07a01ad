package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@link Kubeconfig} binds a kubeconfig's tree to fabric8's model exactly as Jackson's binding does. */
class KubeconfigTest {
    private static final KubernetesSerialization JACKSON = new KubernetesSerialization();

    /** Every field of kubectl's format, scalars of other types, unknown keys and extensions. */
    private static final String EVERY_FIELD = """
            apiVersion: v1
            kind: Config
            current-context: dev
            preferences: {colors: true, extensions: [{name: p, extension: {a: 1}}]}
            extensions: [{name: cluster_info, extension: {last-update: Mon, provider: minikube.sigs.k8s.io, version: v1.33.0}}]
            something-new: {x: y}
            clusters:
            - name: dev
              cluster:
                server: https://dev.example:6443
                certificate-authority: ca.crt
                certificate-authority-data: Q0E=
                insecure-skip-tls-verify: "false"
                tls-server-name: api.dev
                proxy-url: http://proxy:3128
                disable-compression: true
                extensions: [{name: c, extension: {provider: p}}]
                unknown-cluster-key: 7
            - name: bare
              cluster: {server: http://127.0.0.1:8080}
            contexts:
            - name: dev
              context: {cluster: dev, user: alice, namespace: shop, extensions: [{name: e, extension: {}}]}
            - name: other
              context: {cluster: bare, user: 12345}
            users:
            - name: alice
              user:
                client-certificate: alice.crt
                client-certificate-data: Q0VSVA==
                client-key: alice.key
                client-key-data: S0VZ
                token: 12345
                tokenFile: /var/token
                username: alice
                password: secret
                as: bob
                as-uid: "42"
                as-groups: [admins, 7]
                as-user-extra: {scopes: [a, b]}
                auth-provider: {name: oidc, config: {client-id: x, refresh: 3}}
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: aws
                  args: [eks, get-token, --cluster-name, prod]
                  env: [{name: AWS_PROFILE, value: prod}, {name: N, value: 1}]
                  installHint: install aws
                  interactiveMode: Never
                  provideClusterInfo: true
                extensions: [{name: u, extension: {kind: K, apiVersion: v1}}]
            - name: empty
              user: {}
            - name: none
            """;

    @Test
    void bindsEveryFieldAsJacksonDoes() {
        assertEquals(JACKSON.unmarshal(EVERY_FIELD, Config.class), bind(EVERY_FIELD));
    }

    @Test
    void bindsTheSandboxesAndTheTrainingsKubeconfigsAsJacksonDoes() {
        String minimal = """
                apiVersion: v1
                clusters:
                - name: priming
                  cluster: {server: "https://kubernetes.priming.invalid"}
                users:
                - name: priming
                  user: {token: priming}
                contexts:
                - name: priming
                  context: {cluster: priming, user: priming, namespace: shop}
                current-context: priming
                """;
        assertEquals(JACKSON.unmarshal(minimal, Config.class), bind(minimal));
    }

    @Test
    void refusesWhatIsNotAKubeconfig() {
        for (Object tree : List.of(List.of(1), Map.of("clusters", Map.of("a", 1)),
                Map.of("users", List.of(Map.of("name", "u", "user", List.of()))),
                Map.of("current-context", Map.of("a", "b")),
                Map.of("clusters", List.of(Map.of("cluster", Map.of("insecure-skip-tls-verify", "maybe")))))) {
            assertThrows(IllegalArgumentException.class, () -> Kubeconfig.bind(tree, JACKSON), tree::toString);
        }
    }

    private static Config bind(String text) {
        return Kubeconfig.bind(new Load(LoadSettings.builder().build()).loadFromString(text), JACKSON);
    }
}
