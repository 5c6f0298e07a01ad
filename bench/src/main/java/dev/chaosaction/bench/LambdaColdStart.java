package dev.chaosaction.bench;

import dev.chaosaction.function.ChaosFunction;
import dev.chaosaction.function.ChaosHandler;
import dev.chaosaction.function.Priming;
import dev.chaosaction.function.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One Lambda invocation in a fresh JVM, as the Lambda runtime makes it: the handler built from the environment
 * ({@code JOURNAL_BUCKET}, {@code CHAOS_S3_ENDPOINT}, AWS credentials), then {@code handleRequest} with the
 * payload file's bytes. With {@code primed}, the SnapStart priming runs first and only the invocation is timed,
 * which is what a restored snapshot pays. Prints the response, then the milliseconds of each step to stderr.
 * Run with the function's deployment jar on the class path (bench/run.sh).
 */
public final class LambdaColdStart {
    private LambdaColdStart() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        byte[] payload = Files.readAllBytes(Path.of(args[0]));
        boolean primed = args.length > 1 && args[1].equals("primed");
        ChaosFunction function = ChaosFunction.fromEnvironment(System.getenv());
        ChaosHandler handler = new ChaosHandler(function);
        long built = System.nanoTime();
        if (primed) new Priming(function).beforeCheckpoint(null);
        long ready = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A request id of its own: the function answers a repeated one from its run lock.
        handler.handleRequest(new ByteArrayInputStream(payload), out, new LocalContext("bench-" + System.nanoTime(),
                "chaos", Duration.ofMinutes(15), line -> { }));
        long done = System.nanoTime();
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.err.printf(Locale.ROOT, "init %.1f ms, priming %.1f ms, invocation %.1f ms%n",
                (built - start) / 1e6, (ready - built) / 1e6, (done - ready) / 1e6);
    }
}
