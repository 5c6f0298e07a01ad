package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.function.local.LocalContext;
import dev.chaosaction.value.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: an experiment author who is not the operator aims the load probe at the instance metadata service
 * or at the function's own loopback. The deployment's egress policy refuses both, as it does for http probes:
 * nothing is sent, and the journal says why.
 */
@Timeout(60)
class ServiceLevelsEgressTest {
    @TempDir
    Path journals;

    @Test
    void aLoadProbeAimedAtTheMetadataAddressOrLoopbackIsRefused() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loopback.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        loopback.start();
        try {
            // The Lambda function's own policy: no CHAOS_EGRESS_ALLOW, so loopback and link-local are refused.
            FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_DIR, journals.toString()));
            ChaosHandler handler = new ChaosHandler(new ChaosFunction(config,
                    ChaosFunction.libraries(), () -> {
                        throw new AssertionError("no S3 client in a directory set-up");
                    }));
            String port = Integer.toString(loopback.getAddress().getPort());
            for (String url : List.of("http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                    "http://127.0.0.1:" + port + "/", "http://[::ffff:7f00:1]:" + port + "/")) {
                Map<?, ?> response = invoke(handler, experiment(url));
                assertEquals("failed", response.get("status"), response::toString);
            }
            assertEquals(0, received.get(), "nothing reached loopback");
            List<String> journalTexts = new ArrayList<>();
            try (Stream<Path> files = Files.walk(journals)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("runs/"))
                        .toList()) {
                    journalTexts.add(Files.readString(f));
                }
            }
            assertEquals(3, journalTexts.stream().filter(t -> t.contains("is refused")).count(), journalTexts::toString);
        } finally {
            loopback.stop(0);
        }
    }

    private static String experiment(String url) {
        return """
                {"title": "load the metadata service", "description": "an attack",
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "slo",
                   "tolerance": {"type": "jsonpath", "path": "$.objectives_met", "expect": true},
                   "provider": {"type": "python", "module": "chaosaction.service_levels.probes", "func": "measure",
                     "arguments": {"url": "%s", "requests": 20, "rate": 100, "timeout": 2}}}]},
                 "method": []}""".formatted(url);
    }

    private static Map<?, ?> invoke(ChaosHandler handler, String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("request-" + payload.hashCode(), "chaos", Duration.ofMinutes(5), line -> {}));
        return (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8));
    }
}
