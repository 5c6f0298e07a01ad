package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.aws.s3.S3TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S3 going away during a run: the journal cannot be stored, so it is written whole to the log as one line, and
 * the response says so. The probe's server stops S3 before it answers, so S3 fails exactly mid-run.
 */
@Timeout(60)
class S3FailureTest {
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final HttpServer app;

    S3FailureTest() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/stop-s3", exchange -> {
            s3.stop();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop(0);
        s3.close();
    }

    @Test
    void aJournalThatCannotBeStoredGoesWholeToTheLogInOneLine() {
        String experiment = """
                {"title": "S3 goes away", "description": "d",
                 "method": [{"type": "probe", "name": "stop s3",
                             "provider": {"type": "http", "url": "http://127.0.0.1:%d/stop-s3"}}]}"""
                .formatted(app.getAddress().getPort());
        Harness function = Harness.s3(s3);

        Map<String, Object> response = function.invoke(Samples.request(experiment, "lost-1"));

        assertEquals("completed", response.get("status"));
        assertEquals("log:/local/chaos/stdout", response.get("journal"));
        assertTrue(((String) response.get("journalError")).startsWith("s3://journals/journals/"),
                (String) response.get("journalError"));
        List<Map<String, Object>> fallback = function.logged("journal_fallback");
        assertEquals(1, fallback.size());
        Map<?, ?> journal = (Map<?, ?>) fallback.getFirst().get("journal_fallback");
        assertEquals("lost-1", ((Map<?, ?>) journal.get("chaos-action")).get("run_id"));
        assertEquals("completed", journal.get("status"));
        assertEquals("S3 goes away", ((Map<?, ?>) journal.get("experiment")).get("title"));
        assertEquals(1, function.logged("lock_not_completed").size());
    }
}
