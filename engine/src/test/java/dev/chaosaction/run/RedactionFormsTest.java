package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Redactor;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.value.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A secret that comes back changed: a server echoes it base64-encoded (standard, URL-safe, inside a longer
 * encoding), lower-case percent-encoded and JSON-escaped; a process prints it through {@code base64}, which wraps
 * lines; and a value read from the environment under a neutral name ends up in a failure message. The journal
 * holds none of them.
 */
class RedactionFormsTest {
    private static final String SECRET = "pa55\"wörd\\x/y+z=TAIL-0123456789";
    private static final String NEUTRAL = "internal-host-7f3a";
    private final LocalServer server = new LocalServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the server echoes: the secret in every changed shape. */
    private static List<String> echoed() {
        String json = Json.write(SECRET);
        String percent = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        return List.of(b64(SECRET), b64(SECRET + "\n"), b64("x" + SECRET), b64("xy" + SECRET),
                Base64.getUrlEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                Pattern.compile("%[0-9A-F]{2}").matcher(percent).replaceAll(m -> m.group().toLowerCase(Locale.ROOT)),
                json.substring(1, json.length() - 1), json.substring(1, json.length() - 1).replace("ö", "\\u00f6"),
                json.substring(1, json.length() - 1).replace("/", "\\/"));
    }

    /** What the journal must not hold: a shifted encoding's first group also encodes the byte before it. */
    private static List<String> encodedForms() {
        List<String> forms = new java.util.ArrayList<>(echoed());
        forms.set(2, forms.get(2).substring(4, 40));
        forms.set(3, forms.get(3).substring(4, 40));
        return forms;
    }

    @Test
    void noEncodedFormOfASecretNorAnEnvValueReachesTheJournal() throws Exception {
        server.reply("/echo", Reply.text(200, String.join("\n", echoed())));
        Engine engine = new Engine(EngineOptions.of(Map.of("CHAOS_API_KEY", SECRET, "CHAOS_UPSTREAM", NEUTRAL,
                "PATH", System.getenv("PATH")), List.of()));
        String experiment = """
                {"title": "forms", "description": "d",
                 "configuration": {"upstream": {"type": "env", "key": "CHAOS_UPSTREAM"}},
                 "secrets": {"api": {"key": {"type": "env", "key": "CHAOS_API_KEY"}}},
                 "method": [
                   {"type": "probe", "name": "echo", "provider": {"type": "http", "url": "%s"}},
                   {"type": "probe", "name": "wrapped", "provider": {"type": "process", "path": "sh",
                    "arguments": ["-c", "printf %%s \\"$1\\" | base64 -w 10", "sh", "${key}"]}},
                   {"type": "action", "name": "unreachable", "provider": {"type": "http",
                    "url": "http://127.0.0.1:1/${upstream}", "timeout": 5}}]}""".formatted(server.url("/echo"));
        Prepared prepared = engine.prepare(Runs.parse(experiment), Overrides.NONE, true);

        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "forms");
        // Map.toString: the values as they are, not JSON-escaped once more.
        String stored = String.valueOf(Engine.document(prepared, journal));

        assertEquals("failed", journal.run().get(2).status());
        assertTrue(stored.contains("failed to connect to http://127.0.0.1:1/***"), stored);
        for (String form : encodedForms()) assertFalse(stored.contains(form), form + " in " + stored);
        String wrapped = (String) ((Map<?, ?>) journal.run().get(1).output()).get("stdout");
        assertTrue(wrapped.indexOf('\n') < wrapped.length() - 1, "base64 wrapped its output: " + wrapped);
        String storedWrapped = (String) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) Engine.document(prepared, journal)
                .get("run")).get(1)).get("output")).get("stdout");
        assertFalse(storedWrapped.replace("\n", "").contains(b64(SECRET).substring(0, 40)), storedWrapped);
        assertFalse(stored.contains(NEUTRAL), stored);
    }

    @Test
    void shortEnvValuesUnderNeutralNamesStayReadable() throws Exception {
        Engine engine = new Engine(EngineOptions.of(Map.of("CHAOS_NS", "default", "CHAOS_PORT", "8080"), List.of()));
        Prepared prepared = engine.prepare(Runs.parse("""
                {"title": "t", "description": "d", "method": [],
                 "configuration": {"ns": {"type": "env", "key": "CHAOS_NS"}, "port": {"type": "env", "key": "CHAOS_PORT"}}}
                """), Overrides.NONE, true);
        assertEquals("namespace default, port 8080", prepared.redactor().redact("namespace default, port 8080"));
        assertEquals(Redactor.MIN_ENV_LENGTH, "default".length() + 1);
    }
}
