package dev.chaosaction.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * moto's server ({@code CHAOS_MOTO_SERVER}, installed by {@code .ci/setup.d/20-aws-tools.sh}) on a free loopback
 * port for one test class: AWS's S3, STS, EKS and the rest as moto emulates them. While the class runs, the SDK
 * reaches it the way users point it at LocalStack, through the endpoint setting every SDK client reads when none is
 * given in code ({@code aws.endpointUrl}, the system-property form of {@code AWS_ENDPOINT_URL}), with dummy
 * credentials and a region set the same way. Child processes get the environment form ({@link #environment}).
 * Register it as a {@code static} field with {@code @RegisterExtension}; {@link #endpointOnly()} leaves the SDK's
 * defaults alone, for tests that point each client at it themselves. CloudWatch clients go through
 * {@link #cloudWatchEndpoint()} ({@link CloudWatchCborBridge}).
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ENV = "CHAOS_MOTO_SERVER";
    public static final String REGION = "eu-west-1";
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("moto-test", "moto-test-secret"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Process process;
    private Path log;
    private int port;
    private final Map<String, String> saved = new HashMap<>();
    private final boolean sdkDefaults;
    private CloudWatchCborBridge cloudWatch;

    public MotoServer() {
        this(true);
    }

    private MotoServer(boolean sdkDefaults) {
        this.sdkDefaults = sdkDefaults;
    }

    /** moto without the class-wide SDK settings: every client names {@link #endpoint()} itself. */
    public static MotoServer endpointOnly() {
        return new MotoServer(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path server = Peers.fromEnv(ENV);
        port = Peers.freeLoopbackPort();
        log = Files.createTempFile("moto-", ".log");
        process = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitUp();
        if (!sdkDefaults) return;
        var credentials = CREDENTIALS.resolveCredentials();
        setProperty("aws.endpointUrl", endpoint().toString());
        setProperty("aws.region", REGION);
        setProperty("aws.accessKeyId", credentials.accessKeyId());
        setProperty("aws.secretAccessKey", credentials.secretAccessKey());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        saved.forEach((key, value) -> {
            if (value == null) System.clearProperty(key);
            else System.setProperty(key, value);
        });
        saved.clear();
        if (cloudWatch != null) cloudWatch.close();
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        if (log != null) Files.deleteIfExists(log);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where a CloudWatch client of the AWS SDK for Java points: moto behind the CBOR bridge. */
    public synchronized URI cloudWatchEndpoint() {
        try {
            if (cloudWatch == null) cloudWatch = new CloudWatchCborBridge(endpoint());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the CloudWatch bridge did not start", e);
        }
        return cloudWatch.endpoint();
    }

    /** What a child process needs to reach moto as the SDK and the AWS CLI do: endpoint, region, credentials. */
    public Map<String, String> environment() {
        var credentials = CREDENTIALS.resolveCredentials();
        return Map.of("AWS_ENDPOINT_URL", endpoint().toString(), "AWS_REGION", REGION, "AWS_DEFAULT_REGION", REGION,
                "AWS_ACCESS_KEY_ID", credentials.accessKeyId(), "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    }

    private void setProperty(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    /** moto answers its own API once its server is up; polled, since it takes seconds to import. */
    private void awaitUp() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer on port " + port + " within " + START_TIMEOUT
                + ": " + Files.readString(log));
    }
}
