package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster at an {@code http://} URL gets a client built without a trust store (fabric8 is told to trust every
 * certificate while it builds it, then the configuration is put back): that client must never start a TLS
 * handshake, so no certificate is ever trusted, not even on a redirect to https.
 */
@Timeout(60)
class CleartextClusterTest {
    /** The first byte of every TLS connection: a handshake record. */
    private static final int TLS_HANDSHAKE = 0x16;

    @TempDir
    Path dir;

    @Test
    void anHttpClustersClientNeverStartsATlsHandshake() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> firstBytes(server));
            Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: plain
                      cluster: {server: "http://127.0.0.1:%d"}
                    users:
                    - name: plain
                      user: {token: t}
                    contexts:
                    - name: plain
                      context: {cluster: plain, user: plain}
                    current-context: plain
                    """.formatted(server.getLocalPort()));
            try (ClusterConnector.Connection connection = new ClusterConnector()
                    .connect(Map.of("kubeconfig", kubeconfig.toString()), Map.of())) {
                KubernetesClient client = connection.client();
                assertFalse(client.getConfiguration().isTrustCerts(), "the configuration is left as it was read");
                // What a redirect to https would be sent through: the client's own OkHttp client.
                OkHttpClient http = ((OkHttpClientImpl) client.getHttpClient()).getOkHttpClient();
                Request tls = new Request.Builder().url("https://127.0.0.1:" + server.getLocalPort() + "/api").build();
                assertThrows(IOException.class, () -> http.newCall(tls).execute().close());
                byte[] first = received.get(30, TimeUnit.SECONDS);
                assertFalse(first[0] == TLS_HANDSHAKE, "a TLS handshake was started");
                assertEquals("GET", new String(first, StandardCharsets.US_ASCII), "the request went as cleartext");
            }
        }
    }

    /** The first three bytes of the first connection, which is then closed unanswered. */
    private static byte[] firstBytes(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            return in.readNBytes(3);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
