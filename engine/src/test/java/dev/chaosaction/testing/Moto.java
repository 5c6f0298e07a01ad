package dev.chaosaction.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * moto's server ({@code CHAOS_MOTO_SERVER}) on a free loopback port for one test class; register it as a
 * {@code static} field with {@code @RegisterExtension}. Without the variable the class is skipped, except with
 * {@code CI=true}, where it fails. (Minimal on purpose: the shared MotoServer extension replaces it.)
 *
 * <p>The AWS SDK for Java (2.40.6 and later) calls CloudWatch in Smithy RPC v2 CBOR, which moto does not speak
 * (getmoto/moto#9195: JSON and query only). {@link #cloudWatchEndpoint} is a loopback bridge that re-encodes
 * each CBOR call as the same operation in CloudWatch's JSON protocol, sends it to moto, and re-encodes moto's
 * answer (status kept) as CBOR. Everything CloudWatch does is moto's; the bridge only translates the encoding.
 */
public final class Moto implements BeforeAllCallback, AfterAllCallback {
    public static final String ENV = "CHAOS_MOTO_SERVER";
    private Process process;
    private int port;

    private HttpServer bridge;

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where a CloudWatch client of the AWS SDK for Java points (see above). */
    public URI cloudWatchEndpoint() {
        return URI.create("http://127.0.0.1:" + bridge.getAddress().getPort());
    }

    private void startBridge() throws IOException {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper cbor = new CBORMapper();
        ObjectMapper json = new ObjectMapper();
        bridge.createContext("/service/GraniteServiceVersion20100801/operation/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String operation = path.substring(path.lastIndexOf('/') + 1);
                byte[] body = exchange.getRequestBody().readAllBytes();
                String request = body.length == 0 ? "{}" : json.writeValueAsString(cbor.readTree(body));
                // HttpURLConnection, as the SDK's client: the fuzz tests' agent in the same JVM hooks NIO sockets.
                HttpURLConnection moto = (HttpURLConnection) endpoint().toURL().openConnection(Proxy.NO_PROXY);
                moto.setRequestMethod("POST");
                moto.setDoOutput(true);
                moto.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
                moto.setRequestProperty("X-Amz-Target", "GraniteServiceVersion20100801." + operation);
                moto.setRequestProperty("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                try (var out = moto.getOutputStream()) {
                    out.write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                int status = moto.getResponseCode();
                byte[] answer;
                try (var in = status < 400 ? moto.getInputStream() : moto.getErrorStream()) {
                    answer = in == null ? new byte[0] : in.readAllBytes();
                }
                byte[] reply = cbor.writeValueAsBytes(json.readTree(answer.length == 0 ? "{}".getBytes() : answer));
                exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (IOException | RuntimeException e) {
                // Said on stderr: the SDK only sees the connection close.
                System.err.println("moto CBOR bridge: " + e);
                throw e;
            }
        });
        bridge.start();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String executable = System.getenv(ENV);
        if (executable == null || executable.isBlank()) {
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(ENV + " is not set on CI");
            Assumptions.abort(ENV + " is not set (a moto_server executable): skipping");
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (!process.isAlive()) throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            if (System.nanoTime() > until) throw new IllegalStateException("moto_server did not start on " + port);
            Thread.sleep(50);
        }
        startBridge();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (bridge != null) bridge.stop(0);
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
