package dev.chaosaction.function;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.function.local.LocalContext;
import dev.chaosaction.testing.TestFunctions;
import dev.chaosaction.value.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The real handler over a real S3-compatible server (or a directory), with {@link TestFunctions} as its native
 * library, invoked as Lambda invokes it: payload bytes in, response bytes out, a context with a remaining time.
 * The function's log lines are kept for the test to read.
 */
final class Harness {
    static final String BUCKET = "journals";

    final List<String> lines = new CopyOnWriteArrayList<>();
    private final ChaosHandler handler;

    private Harness(ChaosHandler handler) {
        this.handler = handler;
    }

    static Harness with(ChaosHandler handler) {
        return new Harness(handler);
    }

    /** The function with journals in {@link #BUCKET} on {@code server}; {@code env} adds variables. */
    static Harness s3(S3TestServer server, Map<String, String> env, ExecutionInterceptor... recorders) {
        return s3(server.endpoint(), env, List.of(TestFunctions.factory()), recorders);
    }

    /** The function with journals in {@link #BUCKET} of the S3 at {@code endpoint} (a proxy in front of one). */
    static Harness s3(URI endpoint, Map<String, String> env, ExecutionInterceptor... recorders) {
        return s3(endpoint, env, List.of(TestFunctions.factory()), recorders);
    }

    /** The same with other native libraries (the Kubernetes one, against a sandbox). */
    static Harness s3(S3TestServer server, Map<String, String> env, List<FunctionLibraryFactory> libraries,
                      ExecutionInterceptor... recorders) {
        return s3(server.endpoint(), env, libraries, recorders);
    }

    /** With the CloudWatch client stop alarms are read with. */
    static Harness s3(S3TestServer server, Map<String, String> env, List<FunctionLibraryFactory> libraries,
                      Supplier<CloudWatchClient> cloudWatch) {
        FunctionConfig config = config(server.endpoint(), env);
        S3Client s3 = config.s3(S3TestServer.CREDENTIALS).build();
        return new Harness(new ChaosHandler(new ChaosFunction(config, libraries, () -> s3, cloudWatch)));
    }

    private static FunctionConfig config(URI endpoint, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        // The tests' servers listen on loopback, which the function refuses unless the operator allows it.
        all.putIfAbsent(FunctionConfig.EGRESS_ALLOW, "127.0.0.1");
        all.put(FunctionConfig.JOURNAL_BUCKET, BUCKET);
        all.put(FunctionConfig.S3_ENDPOINT, endpoint.toString());
        return FunctionConfig.fromEnv(all);
    }

    private static Harness s3(URI endpoint, Map<String, String> env, List<FunctionLibraryFactory> libraries,
                              ExecutionInterceptor... recorders) {
        FunctionConfig config = config(endpoint, env);
        S3ClientBuilder builder = config.s3(S3TestServer.CREDENTIALS);
        var overrides = builder.overrideConfiguration().toBuilder();
        List.of(recorders).forEach(overrides::addExecutionInterceptor);
        S3Client s3 = builder.overrideConfiguration(overrides.build()).build();
        return new Harness(new ChaosHandler(new ChaosFunction(config, libraries, () -> s3)));
    }

    static Harness s3(S3TestServer server) {
        return s3(server, Map.of());
    }

    /** The function with journals and locks in a local directory, as the local invoke server runs it. */
    static Harness directory(Path root) {
        FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_DIR, root.toString(),
                FunctionConfig.EGRESS_ALLOW, "127.0.0.1"));
        return new Harness(new ChaosHandler(new ChaosFunction(config, List.of(TestFunctions.factory()), () -> {
            throw new AssertionError("no S3 client in a directory set-up");
        })));
    }

    ChaosHandler handler() {
        return handler;
    }

    Map<String, Object> invoke(String payload) {
        return invoke(payload, "request-1", Duration.ofMinutes(15));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> invoke(String payload, String requestId, Duration remaining) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
                    new LocalContext(requestId, "chaos", remaining, lines::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    /** The log lines of one event ({@code phase}, {@code activity}, {@code journal_fallback}, ...), parsed. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> logged(String event) {
        return lines.stream().map(line -> (Map<String, Object>) Json.parse(line))
                .filter(line -> event.equals(line.get("event")))
                .toList();
    }

    /** The metrics records logged. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics() {
        return lines.stream().map(line -> (Map<String, Object>) Json.parse(line))
                .filter(line -> line.containsKey("_aws"))
                .toList();
    }
}
