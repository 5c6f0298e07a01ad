package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-lambda-java-events is loaded by the S3 notification's path only (counted with {@code -Xlog:class+load} in
 * a fresh JVM), and never joda-time.
 */
class EventTypesLoadingTest {
    static final String NOTIFICATION = """
            {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1",
              "eventTime": "2024-05-07T10:00:00.000Z", "eventName": "ObjectCreated:Put",
              "s3": {"s3SchemaVersion": "1.0", "configurationId": "run-uploads",
                     "bucket": {"name": "experiments", "arn": "arn:aws:s3:::experiments"},
                     "object": {"key": "experiments/check+out%%21.json", "size": 5, "eTag": "e",
                                "versionId": "%s", "sequencer": "0055AED6DCD90281E5"}}}]}""";

    @TempDir
    Path dir;

    /** Parses one payload: a request, or an S3 notification. */
    public static void main(String[] args) throws Exception {
        String payload = args[0].equals("s3") ? NOTIFICATION.formatted("v1")
                : Samples.request(Samples.probeOnly("http://127.0.0.1:1/"), "r-1");
        System.out.println(Payloads.parse(payload.getBytes(StandardCharsets.UTF_8)).experiment() instanceof String);
    }

    private List<String> loaded(String kind) throws Exception {
        Path log = dir.resolve(kind + ".log");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"),
                EventTypesLoadingTest.class.getName(), kind).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), out);
        return Files.readAllLines(log);
    }

    @Test
    void onlyAnS3NotificationLoadsTheEventTypesAndNothingLoadsJodaTime() throws Exception {
        List<String> request = loaded("request");
        List<String> notification = loaded("s3");

        assertEquals(0, request.stream().filter(l -> l.contains("lambda.runtime.events")).count());
        assertTrue(notification.stream().anyMatch(l -> l.contains("S3EventNotification$S3EventNotificationRecord ")), "the s3 path uses them");
        assertEquals(0, notification.stream().filter(l -> l.contains("org.joda")).count());
        System.out.printf("classes loaded: request %d, S3 notification %d%n", request.size(), notification.size());
    }
}
