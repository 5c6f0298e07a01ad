package dev.chaosaction.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify_tls} against a real HTTPS server whose self-signed certificate keytool made. */
@Timeout(60)
class HttpProviderTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String url;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-validity", "2").redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), log);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void anUntrustedCertificateFailsByDefault() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> new HttpProvider().call(Map.of("type", "http", "url", url), new CancelToken()));
        assertTrue(failed.getMessage().startsWith("failed to connect to " + url + ": SSLHandshakeException"),
                failed.getMessage());
    }

    @Test
    void verifyTlsFalseTrustsAnyCertificate() throws Exception {
        HttpProvider http = new HttpProvider();
        Map<String, Object> out = http.call(Map.of("type", "http", "url", url, "verify_tls", false), new CancelToken());
        assertEquals(200L, out.get("status"));
        assertEquals("secure", out.get("body"));
        // The trusting client is only for the activities that ask for it.
        assertThrows(ActivityFailed.class, () -> http.call(Map.of("type", "http", "url", url), new CancelToken()));
    }

    @Test
    void aPlainHttpRedirectToHttpsIsFollowed() throws Exception {
        HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        plain.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().set("Location", url);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        plain.start();
        try {
            String from = "http://127.0.0.1:" + plain.getAddress().getPort() + "/old";
            Map<String, Object> out = new HttpProvider().call(Map.of("type", "http", "url", from, "verify_tls", false),
                    new CancelToken());
            assertEquals(200L, out.get("status"));
            assertEquals("secure", out.get("body"));
            assertEquals(1, hits.get(), "verify_tls: false goes through the trusting TLS client at once");
            // Certificates are still verified after a redirect from plain HTTP.
            ActivityFailed failed = assertThrows(ActivityFailed.class,
                    () -> new HttpProvider().call(Map.of("type", "http", "url", from), new CancelToken()));
            assertTrue(failed.getMessage().startsWith("failed to connect to " + from + ": SSLHandshakeException"),
                    failed.getMessage());
            // The plain-HTTP client does not follow it: the TLS client sends the request again.
            assertEquals(3, hits.get());
        } finally {
            plain.stop(0);
        }
    }
}
