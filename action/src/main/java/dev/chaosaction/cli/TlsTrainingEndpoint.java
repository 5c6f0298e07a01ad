package dev.chaosaction.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https endpoint on the loopback interface for the Kubernetes training ({@link Training}): it answers every
 * request with an empty pod list, under a self-signed certificate (RSA, for 127.0.0.1) that the kubeconfig it
 * writes names as its certificate authority. The sandbox speaks http and real clusters https: a pod list through
 * this endpoint puts the client's TLS handshake (certificate check against the kubeconfig's CA included) into the
 * cache, and TLS stays verified. The key is made by the JDK's keytool; without one, there is no endpoint.
 */
final class TlsTrainingEndpoint implements AutoCloseable {
    private static final String PASSWORD = "training";
    private static final byte[] POD_LIST = """
            {"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "1"}, "items": []}
            """.getBytes(StandardCharsets.UTF_8);

    private final HttpsServer server;
    private final Path kubeconfig;

    private TlsTrainingEndpoint(HttpsServer server, Path kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    /** Starts the endpoint with a key made in {@code dir}, and writes its kubeconfig there. */
    static TlsTrainingEndpoint start(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve("training.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "training", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (keytool.waitFor() != 0) throw new IOException("keytool could not make the training key");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, POD_LIST.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(POD_LIST);
            }
        });
        server.start();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getCertificate("training").getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path kubeconfig = Files.writeString(dir.resolve("training.kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: training
                  cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}
                users:
                - name: training
                  user: {token: training}
                contexts:
                - name: training
                  context: {cluster: training, user: training, namespace: shop}
                current-context: training
                """.formatted(server.getAddress().getPort(),
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
        return new TlsTrainingEndpoint(server, kubeconfig);
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
