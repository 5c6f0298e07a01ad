package dev.chaosaction.servicelevels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.policy.EgressPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MeasureTest {
    private static final String FAST = "{\"delay_ms\": 0}";
    private static final String SLOW = "{\"delay_ms\": 400}";
    private Target target;

    @AfterEach
    void stop() {
        if (target != null) target.close();
    }

    @Test
    void percentilesAreNearestRankOverKnownDelays() throws Exception {
        target = new Target(8);
        // 18 fast answers and 2 that take 400 ms: p50 is a fast one, p95 (rank 19 of 20) and p99 slow ones.
        List<Object> bodies = new ArrayList<>(Collections.nCopies(9, FAST));
        bodies.add(SLOW);
        Map<?, ?> out = measure(EgressPolicy.OPEN, args("requests", 20L, "rate", 50L, "method", "POST",
                "bodies", bodies));
        assertEquals(20L, out.get("requests"));
        assertEquals(20L, out.get("succeeded"));
        assertEquals(0.0, out.get("error_rate"));
        Map<?, ?> latency = (Map<?, ?>) out.get("latency_ms");
        assertTrue((double) latency.get("p50") < 400, latency::toString);
        assertTrue((double) latency.get("p95") >= 400, latency::toString);
        assertTrue((double) latency.get("max") >= 400, latency::toString);
        assertTrue((double) latency.get("min") <= (double) latency.get("mean"), latency::toString);
        assertEquals(Map.of("200", 20L), out.get("status_codes"));
    }

    @Test
    void aStalledServerShowsInTheLatencyOfEveryRequestItHeldUp() throws Exception {
        // One thread: the first answer takes 600 ms and every request due meanwhile waits behind it. Open-loop
        // accounting counts that wait (latency from the due time); a closed loop would see one slow request.
        target = new Target(1);
        List<Object> bodies = new ArrayList<>(List.of("{\"delay_ms\": 600}"));
        bodies.addAll(Collections.nCopies(19, FAST));
        Map<?, ?> out = measure(EgressPolicy.OPEN, args("requests", 20L, "rate", 20L, "method", "POST",
                "bodies", bodies, "objectives", Map.of("p95_ms", 100L, "error_rate", 0.01)));
        Map<?, ?> latency = (Map<?, ?>) out.get("latency_ms");
        // Requests 0..11 are due within the stall, so at least 12 of 20 latencies exceed 0, the 12th about 50 ms.
        assertTrue((double) latency.get("p95") >= 300, latency::toString);
        assertEquals(false, out.get("objectives_met"));
        List<?> breaches = (List<?>) out.get("breaches");
        assertEquals(1, breaches.size(), breaches::toString);
        assertTrue(((String) breaches.getFirst()).matches("p95_ms [0-9.]+ > 100"), breaches::toString);
    }

    @Test
    void neverMoreThanRequestsNorLongerThanMaxDuration() throws Exception {
        target = new Target(4);
        Map<?, ?> few = measure(EgressPolicy.OPEN, args("requests", 5L, "rate", 100L));
        assertEquals(5L, few.get("requests"));
        assertEquals(5, target.received.get());

        target.received.set(0);
        // 1000 requests at 10 per second would take 100 s: max_duration stops sending after 1 s.
        Map<?, ?> bounded = measure(EgressPolicy.OPEN, args("requests", 1000L, "rate", 10L, "max_duration", 1L));
        long sent = (long) bounded.get("requests");
        assertTrue(sent <= 10, "sent " + sent);
        assertEquals(sent, target.received.get());
        assertTrue((double) bounded.get("duration_s") <= 1.0, bounded::toString);
    }

    @Test
    void answersStillOutstandingAtMaxDurationAreErrors() throws Exception {
        target = new Target(4);
        Map<?, ?> out = measure(EgressPolicy.OPEN, args("requests", 2L, "rate", 10L, "max_duration", 0.5,
                "method", "POST", "body", "{\"delay_ms\": 5000}"));
        assertEquals(2L, out.get("requests"));
        assertEquals(2L, out.get("errors"));
        assertEquals(1.0, out.get("error_rate"));
        assertEquals(Map.of("unanswered within max_duration", 2L), out.get("failures"));
    }

    @Test
    void okStatusesDecideWhatCountsAsAnError() throws Exception {
        target = new Target(4);
        List<Object> bodies = List.of(FAST, "{\"status\": 422}", "{\"status\": 503}", "{\"status\": 404}");
        Map<?, ?> strict = measure(EgressPolicy.OPEN, args("requests", 8L, "rate", 100L, "method", "POST",
                "bodies", bodies, "objectives", Map.of("error_rate", 0)));
        assertEquals(6L, strict.get("errors"));
        assertEquals(List.of("error_rate 0.75 > 0"), strict.get("breaches"));
        Map<?, ?> graceful = measure(EgressPolicy.OPEN, args("requests", 8L, "rate", 100L, "method", "POST",
                "bodies", bodies, "ok_statuses", "200-499", "objectives", Map.of("error_rate", 0.25)));
        assertEquals(2L, graceful.get("errors"));
        assertEquals(Map.of("200", 2L, "404", 2L, "422", 2L, "503", 2L), graceful.get("status_codes"));
        assertEquals(true, graceful.get("objectives_met"));
    }

    @Test
    void cancellingTheRunEndsTheProbeAtOnce() throws Exception {
        target = new Target(4);
        CancelToken cancel = new CancelToken();
        Thread.ofPlatform().daemon().start(() -> {
            while (target.received.get() < 2) Thread.onSpinWait();
            cancel.cancel("kill switch");
        });
        FunctionLibrary.Entry entry = entry(EgressPolicy.OPEN);
        RunInterrupted e = assertThrows(RunInterrupted.class, () -> entry.function().call(
                ServiceLevels.MEASURE.withDefaults(args("requests", 10_000L, "rate", 20L, "method", "POST",
                        "body", "{\"delay_ms\": 30000}")), context(cancel)));
        assertTrue(e.getMessage().contains("kill switch"), e.getMessage());
        assertTrue(target.received.get() < 10_000);
    }

    @Test
    void aDeployedEgressPolicyRefusesTheMetadataAddressAndLoopbackBeforeAnythingIsSent() throws Exception {
        target = new Target(4);
        // The Lambda function's policy: no allow-list, loopback and link-local refused.
        EgressPolicy lambda = EgressPolicy.deployed("", null, false, false, "CHAOS_ALLOWED_HOSTS");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", target.url(),
                "http://[::ffff:127.0.0.1]:" + target.port() + "/", "http://2130706433:" + target.port() + "/")) {
            ActivityFailed refused = assertThrows(ActivityFailed.class,
                    () -> measure(lambda, Map.of("url", url, "requests", 50L, "rate", 100L, "timeout", 2L)), url);
            assertTrue(refused.getMessage().contains("is refused"), refused.getMessage());
        }
        assertEquals(0, target.received.get());
    }

    @Test
    void badArgumentsAreAllListed() {
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> measure(EgressPolicy.OPEN,
                Map.of("url", "ftp://x", "requests", 0L, "rate", -1L, "method", "GET", "body", "x",
                        "ok_statuses", "200-99", "objectives", Map.of("p90_ms", 1L))));
        for (String part : List.of("url:", "requests:", "rate:", "body:", "ok_statuses:", "unknown objective 'p90_ms'")) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }

    private Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new HashMap<>();
        args.put("url", target.url());
        for (int i = 0; i < pairs.length; i += 2) args.put((String) pairs[i], pairs[i + 1]);
        return args;
    }

    private static Map<?, ?> measure(EgressPolicy policy, Map<String, Object> arguments) throws ActivityFailed {
        assertEquals(List.of(), ServiceLevels.MEASURE.bind(arguments, "/arguments", false));
        return (Map<?, ?>) entry(policy).function().call(ServiceLevels.MEASURE.withDefaults(arguments),
                context(new CancelToken()));
    }

    private static FunctionLibrary.Entry entry(EgressPolicy policy) {
        return ServiceLevels.libraryFactory(policy).create(Map.of(), Map.of(), Map.of())
                .find(ServiceLevels.MODULE, "measure").orElseThrow();
    }

    private static FunctionContext context(CancelToken cancel) {
        return new FunctionContext(Map.of(), Map.of(), cancel, false, Map.of());
    }
}
