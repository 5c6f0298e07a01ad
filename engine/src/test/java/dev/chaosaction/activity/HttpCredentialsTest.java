package dev.chaosaction.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code http://user:password@host/} in an http provider: refused at validation when written in the experiment,
 * at call time when a substitution brings it; the password never reaches the journal, and nothing is sent.
 */
class HttpCredentialsTest {
    private static final String PASSWORD = "s3cr3t-pa55word";

    private static String experiment(String url) {
        return """
                {"title": "t", "description": "d", "method": [{"type": "probe", "name": "get",
                  "provider": {"type": "http", "url": "%s"}}]}""".formatted(url);
    }

    @Test
    void credentialsWrittenInTheUrlAreRefusedAtValidation() {
        for (String url : List.of("http://admin:" + PASSWORD + "@127.0.0.1:1/health", "https://admin@127.0.0.1/",
                "http://${user}:${password}@127.0.0.1/", "http://admin:" + PASSWORD + "@bad host/")) {
            var e = assertThrows(InvalidExperimentException.class, () -> Runs.prepare(experiment(url)));
            assertEquals(List.of(new Problem("/method/0/provider/url", HttpRequests.CREDENTIALS)), e.problems());
            assertFalse(e.getMessage().contains(PASSWORD));
        }
        assertEquals("a HTTP activity URL must not carry credentials (user:password@host): the journal and the"
                + " logs would show them, and they would not be sent; put them in a header whose value comes from a"
                + " secret, e.g. \"headers\": {\"Authorization\": \"Basic ${basic_auth}\"}", HttpRequests.CREDENTIALS);
    }

    @Test
    void anAtSignOutsideTheAuthorityIsNoCredential() throws Exception {
        Runs.prepare(experiment("http://127.0.0.1:1/users/@me?next=http://a@b"));
        Runs.prepare(experiment("${base_url}/health"));
    }

    @Test
    void credentialsArrivingThroughASecretFailTheActivityWithoutBeingSentOrJournaled() throws Exception {
        try (LocalServer server = new LocalServer()) {
            server.reply("/health", LocalServer.Reply.text(200, "ok"));
            String url = server.url("/health").replace("http://", "http://admin:" + PASSWORD + "@");
            Engine engine = new Engine(EngineOptions.of(Map.of("TARGET_URL", url), List.of()));
            Prepared prepared = engine.prepare(ExperimentLoader.parse("""
                    {"title": "t", "description": "d",
                     "secrets": {"target": {"url": {"type": "env", "key": "TARGET_URL"}}},
                     "method": [{"type": "probe", "name": "get", "provider": {"type": "http", "url": "${url}"}}]}""",
                    ExperimentLoader.Format.JSON), Overrides.NONE, true);

            Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "creds");

            assertEquals(List.of("chaoslib.exceptions.ActivityFailed: " + HttpRequests.CREDENTIALS + "\n"),
                    journal.run().getFirst().toMap().get("exception"));
            assertEquals(0, server.calls("/health"));
            assertFalse(Json.write(Engine.document(prepared, journal)).contains(PASSWORD));
        }
    }
}
