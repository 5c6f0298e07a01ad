package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.kubernetes.Kubernetes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The https endpoint the Kubernetes training lists pods through: verified TLS, through the client a run builds. */
class TlsTrainingEndpointTest {
    @TempDir
    Path dir;

    @Test
    void aPodListGoesThroughVerifiedTlsWithTheKubeconfigsCertificateAuthority() throws Exception {
        try (TlsTrainingEndpoint endpoint = TlsTrainingEndpoint.start(dir)) {
            assertEquals(0L, countPods(endpoint.kubeconfig()));
        }
    }

    @Test
    void withoutItsCertificateAuthorityTheHandshakeIsRefused() throws Exception {
        try (TlsTrainingEndpoint endpoint = TlsTrainingEndpoint.start(dir)) {
            Path untrusted = Files.writeString(dir.resolve("untrusted.kubeconfig"), Files.readString(endpoint.kubeconfig())
                    .replaceAll(", certificate-authority-data: [A-Za-z0-9+/=]+", ""));
            Exception refused = assertThrows(Exception.class, () -> countPods(untrusted));
            assertTrue(String.valueOf(refused.getMessage()).contains("certification path"), refused::toString);
        }
    }

    private static Object countPods(Path kubeconfig) throws Exception {
        try (FunctionLibrary library = Kubernetes.libraryFactory()
                .create(Map.of("kubeconfig", kubeconfig.toString()), Map.of(), Map.of())) {
            FunctionLibrary.Entry count = library.find("chaosk8s.pod.probes", "count_pods").orElseThrow();
            return count.function().call(count.signature().withDefaults(Map.of("label_selector", "app=web", "ns",
                    "shop")), new FunctionContext(Map.of(), Map.of(), new CancelToken(), false, Map.of()));
        }
    }
}
