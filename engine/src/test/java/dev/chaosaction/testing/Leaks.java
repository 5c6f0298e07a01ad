package dev.chaosaction.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer.Reply;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One secret, planted through one of the ways a secret enters a run ({@link Source}), then carried everywhere an
 * experiment can put it: the title, an HTTP header, a query string (of a reachable server and of an unreachable
 * one, whose error message quotes the URL), a form body, process arguments, and the output of providers (the
 * server and the process echo it back). Adapters' tests run it and check their own outputs with
 * {@link #assertAbsent}.
 */
public final class Leaks {
    /**
     * The planted value. A space, a slash and '=' make its URL-encoded form differ from it, as a real token's
     * would; OkHttp sends the space as {@code %20} in a query string.
     */
    public static final String SECRET = "s3cr3t t0ken/Zm9vYmFy==";
    /** The environment variable the {@code env} sources read. */
    public static final String ENV = "CHAOS_LEAK_TOKEN";
    /** The name every activity substitutes, {@code ${api_token}}. */
    public static final String NAME = "api_token";

    /** Where the secret comes from; only there. */
    public enum Source {
        /** {@code "secrets": {"api": {"api_token": "..."}}} */
        INLINE_SECRET,
        /** {@code "secrets": {"api": {"api_token": {"type": "env", "key": ...}}}} */
        ENV_SECRET,
        /** A var file's {@code secrets} section (the experiment declares none). */
        VAR_FILE_SECRET,
        /** {@code "configuration": {"api_token": {"type": "env", "key": ...}}} */
        ENV_CONFIGURATION,
        /** {@code --var api_token=...} (or the Lambda payload's {@code configuration}, or the action's vars). */
        VAR
    }

    private Leaks() {}

    /** The server the experiment talks to: it answers {@code /echo} with the secret in its body. */
    public static LocalServer echoServer() {
        return new LocalServer().reply("/echo", Reply.json(200,
                "{\"seen\": \"" + SECRET.replace("/", "\\/") + "\", \"auth\": \"Bearer " + SECRET + "\"}"));
    }

    /** The experiment for {@code source}, talking to {@code server}. */
    public static String experiment(Source source, LocalServer server) {
        String echo = server.url("/echo");
        String declared = switch (source) {
            case INLINE_SECRET -> "\"secrets\": {\"api\": {\"" + NAME + "\": \"" + SECRET + "\"}},";
            case ENV_SECRET -> "\"secrets\": {\"api\": {\"" + NAME + "\": {\"type\": \"env\", \"key\": \"" + ENV + "\"}}},";
            case ENV_CONFIGURATION -> "\"configuration\": {\"" + NAME + "\": {\"type\": \"env\", \"key\": \"" + ENV + "\"}},";
            case VAR_FILE_SECRET, VAR -> "";
        };
        return """
                {"title": "Leak check ${api_token}", "description": "a secret everywhere", %s
                 "steady-state-hypothesis": {"title": "the echo answers", "probes": [
                   {"type": "probe", "name": "echo-header-and-query", "tolerance": 200,
                    "provider": {"type": "http", "url": "%s?token=${api_token}",
                     "headers": {"Authorization": "Bearer ${api_token}"}}}]},
                 "method": [
                   {"type": "action", "name": "print-it", "provider": {"type": "process", "path": "sh",
                    "arguments": ["-c", "echo \\"out=$1\\"; echo \\"err=$1\\" >&2", "sh", "${api_token}"]}},
                   {"type": "action", "name": "unreachable", "provider": {"type": "http",
                    "url": "http://127.0.0.1:1/x?token=${api_token}", "timeout": 5}},
                   {"type": "probe", "name": "post-it", "provider": {"type": "http", "url": "%s", "method": "POST",
                    "arguments": {"token": "${api_token}"}}}],
                 "rollbacks": [
                   {"type": "action", "name": "print-again", "provider": {"type": "process", "path": "sh",
                    "arguments": ["-c", "echo \\"rollback=$1\\"", "sh", "${api_token}"]}}]}"""
                .formatted(declared, echo, echo);
    }

    /** A JSON var file with the secret in its {@code secrets} section. */
    public static String varFile() {
        return "{\"secrets\": {\"api\": {\"" + NAME + "\": \"" + SECRET + "\"}}}";
    }

    /** Fails when {@code text} holds the secret: as it is, form-encoded, or as OkHttp puts it in a query string. */
    public static void assertAbsent(String where, String text) {
        String encoded = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        String query = new HttpUrl.Builder().scheme("http").host("h").query(SECRET).build().encodedQuery();
        for (String form : List.of(SECRET, encoded, encoded.replace("+", "%20"), query)) {
            int at = text.indexOf(form);
            assertFalse(at >= 0, () -> "the secret leaks into " + where + ": ..."
                    + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + form.length() + 40)) + "...");
        }
    }

    /** Fails unless the secret really reached the server: in the header, the query string and the form body. */
    public static void assertDelivered(LocalServer server) {
        List<LocalServer.Request> requests = server.requests();
        assertTrue(requests.stream().anyMatch(r -> List.of("Bearer " + SECRET).equals(r.headers().get("Authorization"))),
                "the header carried the secret");
        assertTrue(requests.stream().anyMatch(r -> r.query() != null
                && URLDecoder.decode(r.query().replace("+", "%2B"), StandardCharsets.UTF_8).equals("token=" + SECRET)),
                "the query string carried the secret");
        assertTrue(requests.stream().anyMatch(r -> "POST".equals(r.method())
                && URLDecoder.decode(r.body(), StandardCharsets.UTF_8).contains(SECRET)), "the form body carried it");
    }
}
