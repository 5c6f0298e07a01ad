package dev.chaosaction.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import java.util.List;
import java.util.Map;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack: an experiment's HTTP probe aimed at the metadata service, the Lambda Runtime API or loopback
 * (issue 11, egress). With the deployed policy nothing reaches them, however the address is spelled; an operator
 * allow-list narrows further and is the only way to reach loopback.
 */
@Timeout(30)
class EgressTest {
    private final LocalServer server = new LocalServer().reply("/", Reply.text(200, "ok"));

    @AfterEach
    void stop() {
        server.close();
    }

    private static EgressPolicy deployed(String allow) {
        return EgressPolicy.deployed(allow, null, false, false, "CHAOS_EGRESS_ALLOW");
    }

    private static Map<String, Object> get(String url) {
        return Map.of("type", "http", "url", url, "headers", Map.of("X-Token", "s3cr3t"));
    }

    private String refused(EgressPolicy policy, String url) {
        return assertThrows(ActivityFailed.class, () -> new HttpProvider(policy).call(get(url), new CancelToken()))
                .getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
            "localhost", "[::1]", "0.0.0.0"})
    void loopbackIsRefusedByDefaultHoweverItIsSpelled(String host) {
        String message = refused(deployed(""), "http://" + host + ":" + server.port() + "/");
        assertTrue(message.contains("is refused"), message);
        assertEquals(List.of(), server.requests());
    }

    /**
     * Java reads an octal spelling as decimal (177.0.0.1, not loopback; the allow-list keeps the test from trying
     * it) and a hex one as a host name, which goes through the filtering Dns: neither gets to loopback.
     */
    @Test
    void anOctalSpellingNeverReachesLoopbackEither() {
        String message = refused(deployed("10.0.0.0/8"), "http://0177.0.0.1:" + server.port() + "/");
        assertTrue(message.contains("177.0.0.1") && message.contains("not in"), message);
        assertEquals(List.of(), server.requests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "[fd00:ec2::254]", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]",
            "169.254.170.2", "[64:ff9b::a9fe:a9fe]"})
    void metadataAddressesAreRefusedEvenWhenAnAllowListCoversEverything(String host) {
        String message = refused(deployed("0.0.0.0/0, ::/0"), "http://" + host + "/latest/meta-data/");
        assertTrue(message.contains("loopback, link-local and metadata addresses are never reached"), message);
    }

    @Test
    void anAllowListNamingLoopbackReachesItAndOnlyWhatItNames() throws Exception {
        Map<String, Object> out = new HttpProvider(deployed("127.0.0.1")).call(get(server.url("/")), new CancelToken());
        assertEquals(200L, out.get("status"));
        String narrowed = refused(deployed("10.0.0.0/8, example.org"), server.url("/"));
        assertTrue(narrowed.contains("refused"), narrowed);
        assertEquals(1, server.requests().size());
    }

    @Test
    void aHostNameEntryDoesNotUnlockTheLoopbackItResolvesTo() {
        String message = refused(deployed("localhost"), "http://localhost:" + server.port() + "/");
        assertTrue(message.contains("loopback, link-local and metadata"), message);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void theRuntimeApiIsRefusedEvenWhenLoopbackIsAllowed() {
        EgressPolicy policy = EgressPolicy.deployed("127.0.0.0/8", "127.0.0.1:" + server.port(), true, false, "X");
        String message = refused(policy, server.url("/2018-06-01/runtime/invocation/next"));
        assertTrue(message.contains("Lambda Runtime API"), message);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void redirectsStayOnTheOriginAndNothingReachesAnotherOne() throws Exception {
        try (LocalServer other = new LocalServer().reply("/", Reply.text(200, "other"))) {
            server.redirect("/same", 302, "/").redirect("/away", 302, other.url("/"));
            EgressPolicy policy = deployed("127.0.0.1");
            assertEquals("ok", new HttpProvider(policy).call(get(server.url("/same")), new CancelToken()).get("body"));
            String message = refused(policy, server.url("/away"));
            assertTrue(message.contains("redirects stay on the request's origin"), message);
            assertEquals(List.of(), other.requests());
        }
    }

    @Test
    void aCrossOriginRedirectTheOperatorAllowsDropsTheExperimentsHeaders() throws Exception {
        try (LocalServer other = new LocalServer().reply("/", Reply.text(200, "other"))) {
            server.redirect("/away", 307, other.url("/"));
            EgressPolicy policy = EgressPolicy.deployed("127.0.0.1", null, false, true, "X");
            assertEquals("other", new HttpProvider(policy).call(get(server.url("/away")), new CancelToken()).get("body"));
            assertEquals(List.of("s3cr3t"), server.requests().getFirst().headers().get("X-token"));
            assertEquals(null, other.requests().getFirst().headers().get("X-token"));
        }
    }

    @Test
    void httpsNeverRedirectsToPlainHttp() {
        Request request = new Request.Builder().url("https://api.example/x").build();
        Response response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(302)
                .message("Found").header("Location", "http://api.example/x").build();
        String message = assertThrows(ActivityFailed.class, () -> Redirects.next(request, response, true)).getMessage();
        assertTrue(message.contains("https never goes back to plain http"), message);
    }
}
