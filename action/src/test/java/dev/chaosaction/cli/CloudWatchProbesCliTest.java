package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.cloudwatch.CloudWatchFixture;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.testing.Peers;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos run} with chaosaws's CloudWatch probes against moto: every function, its values and its failures,
 * in the journal. The same experiment also runs through Chaos Toolkit with chaostoolkit-aws ({@code
 * CHAOS_CTK_AWS_HOME}, or {@code CHAOS_CTK_HOME} if it holds chaosaws) against the same moto, and each probe's
 * status and output must be chaosaws's (printed as a table); without either that test skips, under {@code CI=true}
 * it fails.
 */
@Timeout(180)
class CloudWatchProbesCliTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.endpointOnly();
    static String NAMESPACE;
    static String ALARM;
    private static final String PROBES = "chaosaws.cloudwatch.probes";

    @TempDir
    Path dir;

    /** One probe of the experiment: what it calls and what it must give (a value, or a failure's words). */
    record Case(String name, String func, Map<String, Object> arguments, Object output, String failure) {}

    @BeforeAll
    static void putMetricsAndAlarm() {
        CloudWatchFixture fixture = CloudWatchFixture.seed(MOTO);
        NAMESPACE = fixture.namespace();
        ALARM = fixture.alarm();
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("namespace", NAMESPACE);
        arguments.put("metric_name", "latency");
        for (int i = 0; i < pairs.length; i += 2) arguments.put((String) pairs[i], pairs[i + 1]);
        return arguments;
    }

    static List<Case> cases() {
        List<Map<String, String>> dims = List.of(Map.of("Name", "svc", "Value", "api"));
        return List.of(
                new Case("alarm", "get_alarm_state_value", Map.of("alarm_name", ALARM), "ALARM", null),
                new Case("alarm-unknown", "get_alarm_state_value", Map.of("alarm_name", "nope-" + ALARM), null,
                        "CloudWatch alarm name nope-" + ALARM + " not found"),
                new Case("stats-average", "get_metric_statistics", args("dimension_name", "svc",
                        "dimension_value", "api", "statistic", "Average", "duration", 120), 210.0, null),
                new Case("stats-sum-dimensions", "get_metric_statistics", args("dimensions", dims,
                        "statistic", "Sum", "duration", 120, "unit", "Milliseconds"), 630.0, null),
                new Case("stats-no-datapoints", "get_metric_statistics", args("dimension_name", "svc",
                        "dimension_value", "api", "statistic", "Average", "offset", 3600), 0L, null),
                new Case("stats-p99", "get_metric_statistics", args("dimensions", dims, "extended_statistic", "p99",
                        "duration", 120), null, "Unable to parse response '"),
                new Case("stats-no-statistic", "get_metric_statistics", args("dimension_name", "svc",
                        "dimension_value", "api"), null,
                        "You must supply argument for statistic or extended_statistic"),
                new Case("stats-no-dimensions", "get_metric_statistics", args("statistic", "Sum"), null,
                        "You must supply argument for dimensions"),
                new Case("stats-name-only", "get_metric_statistics", args("dimension_name", "svc", "statistic",
                        "Sum"), null, "Parameter validation failed:\nInvalid type for parameter Dimensions[0].Value,"
                        + " value: None, type: <class 'NoneType'>, valid types: <class 'str'>"),
                new Case("data-average", "get_metric_data", args("dimension_name", "svc", "dimension_value", "api",
                        "statistic", "Average"), 210.0, null),
                new Case("data-maximum", "get_metric_data", args("dimensions", dims, "statistic", "Maximum",
                        "period", 1), 330.0, null),
                new Case("data-minimum", "get_metric_data", args("dimensions", dims, "statistic", "Minimum",
                        "period", 1), 100.0, null),
                new Case("data-sum", "get_metric_data", args("dimensions", dims, "statistic", "Sum"), 630.0, null),
                new Case("data-samplecount-name-only", "get_metric_data", args("dimension_name", "svc",
                        "statistic", "SampleCount"), 3.0, null),
                new Case("data-empty", "get_metric_data", Map.of("namespace", NAMESPACE, "metric_name", "nothing",
                        "dimension_name", "svc", "dimension_value", "api", "statistic", "Sum"), 0L, null),
                new Case("data-no-statistic", "get_metric_data", args("dimensions", dims), null,
                        "Parameter validation failed:\nInvalid type for parameter MetricDataQueries[0].MetricStat.Stat,"
                        + " value: None, type: <class 'NoneType'>, valid types: <class 'str'>"),
                new Case("data-no-dimensions", "get_metric_data", args("statistic", "Sum"), null,
                        "You must supply argument for dimensions"));
    }

    private Path experiment() throws Exception {
        List<Object> method = new ArrayList<>();
        for (Case c : cases()) {
            method.add(Map.of("type", "probe", "name", c.name(), "provider", Map.of("type", "python",
                    "module", PROBES, "func", c.func(), "arguments", c.arguments(), "secrets", List.of("aws"))));
        }
        var credentials = MotoServer.CREDENTIALS.resolveCredentials();
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("title", "CloudWatch probes");
        experiment.put("description", "every chaosaws.cloudwatch.probes function against moto");
        experiment.put("configuration", Map.of("aws_region", MotoServer.REGION));
        experiment.put("secrets", Map.of("aws", Map.of("aws_access_key_id", credentials.accessKeyId(),
                "aws_secret_access_key", credentials.secretAccessKey())));
        experiment.put("method", method);
        Path file = dir.resolve("cloudwatch.json");
        Files.writeString(file, Json.write(experiment));
        return file;
    }

    /** The run items by activity name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> items(Path journal) throws Exception {
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        for (Object item : (List<?>) ((Map<String, Object>) Json.parse(Files.readString(journal))).get("run")) {
            Map<String, Object> run = (Map<String, Object>) item;
            items.put((String) ((Map<String, Object>) run.get("activity")).get("name"), run);
        }
        return items;
    }

    /** The failure's words without the exception class names Chaos Toolkit prefixes them with. */
    private static String failure(Map<String, Object> item) {
        Object exception = item.get("exception");
        if (!(exception instanceof List<?> lines) || lines.isEmpty()) return null;
        return String.valueOf(lines.getLast()).strip()
                .replaceAll("^((chaoslib|botocore)\\.exceptions\\.[A-Za-z]+: )+", "");
    }

    private Map<String, Map<String, Object>> ours(Path experiment) throws Exception {
        // The deployment's endpoint: moto behind the CBOR bridge, as a var file's environment gives it to the run.
        Path env = dir.resolve("cloudwatch.env");
        Files.writeString(env, "AWS_ENDPOINT_URL_CLOUDWATCH=" + MOTO.cloudWatchEndpoint() + "\n");
        Path journal = dir.resolve("ours.json");
        Console console = new Console();
        assertEquals(0, console.chaos("--no-log-file", "run", "--journal-path", journal.toString(),
                "--var-file", env.toString(), experiment.toString()), console.errors());
        return items(journal);
    }

    @Test
    void everyProbeGivesChaosawssValueOrFailure() throws Exception {
        Map<String, Map<String, Object>> ours = ours(experiment());
        for (Case c : cases()) {
            Map<String, Object> item = ours.get(c.name());
            if (c.failure() == null) {
                assertEquals("succeeded", item.get("status"), c.name() + ": " + item);
                assertEquals(c.output(), item.get("output"), c.name());
            } else {
                assertEquals("failed", item.get("status"), c.name() + ": " + item);
                assertTrue(failure(item).startsWith(c.failure()), c.name() + ": " + failure(item));
            }
        }
        String journal = Files.readString(dir.resolve("ours.json"));
        assertTrue(!journal.contains(MotoServer.CREDENTIALS.resolveCredentials().secretAccessKey()), journal);
    }

    /** Chaos Toolkit with chaostoolkit-aws on the same moto: the same results. */
    @Test
    void chaosawsGivesTheSameOnTheSameMoto() throws Exception {
        String home = chaosawsHome();
        Path experiment = experiment();
        Map<String, Map<String, Object>> ours = ours(experiment);
        Path journal = dir.resolve("theirs.json");
        ProcessBuilder ctk = new ProcessBuilder(home + "/bin/chaos", "--no-version-check", "--no-log-file", "run",
                "--journal-path", journal.toString(), experiment.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ctk.log").toFile());
        Map<String, String> env = ctk.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", MOTO.endpoint().toString()); // boto3 speaks moto's protocols itself
        Process process = ctk.start();
        assertTrue(process.waitFor(150, TimeUnit.SECONDS), "chaos run did not end");
        Map<String, Map<String, Object>> theirs = items(journal);
        StringBuilder table = new StringBuilder("| probe | function | ours | chaosaws |\n|---|---|---|---|\n");
        List<String> differences = new ArrayList<>();
        for (Case c : cases()) {
            String mine = shown(ours.get(c.name()));
            String chaosaws = shown(theirs.get(c.name()));
            table.append("| ").append(c.name()).append(" | ").append(c.func()).append(" | ").append(mine)
                    .append(" | ").append(chaosaws).append(" |\n");
            if (!same(ours.get(c.name()), theirs.get(c.name()))) differences.add(c.name());
        }
        System.out.println(table);
        assertEquals(List.of(), differences, table.toString());
    }

    /** The venv with chaostoolkit-aws: CHAOS_CTK_AWS_HOME (.ci/setup.d/10-chaostoolkit.sh), else CHAOS_CTK_HOME. */
    private static String chaosawsHome() throws Exception {
        String aws = System.getenv("CHAOS_CTK_AWS_HOME");
        if (aws != null && !aws.isBlank()) {
            return hasChaosaws(aws) ? aws
                    : Peers.missing(aws + " (from CHAOS_CTK_AWS_HOME) does not hold chaostoolkit-aws");
        }
        String ctk = System.getenv("CHAOS_CTK_HOME");
        if (ctk != null && !ctk.isBlank() && hasChaosaws(ctk)) return ctk;
        return Peers.missing("CHAOS_CTK_AWS_HOME is not set and CHAOS_CTK_HOME does not hold chaostoolkit-aws: no"
                + " chaosaws to compare with (bash .ci/run installs it)");
    }

    private static boolean hasChaosaws(String home) throws Exception {
        if (!Files.isExecutable(Path.of(home, "bin", "python"))) return false;
        Process check = new ProcessBuilder(home + "/bin/python", "-c", "import chaosaws.cloudwatch.probes")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    /** Same status, equal outputs (numbers as numbers), failures in the same words (up to the response's repr). */
    private static boolean same(Map<String, Object> ours, Map<String, Object> theirs) {
        if (!ours.get("status").equals(theirs.get("status"))) return false;
        if (!"failed".equals(ours.get("status"))) return equal(ours.get("output"), theirs.get("output"));
        String mine = failure(ours);
        String chaosaws = failure(theirs);
        if (mine.startsWith("Unable to parse response '")) {
            return chaosaws.startsWith("Unable to parse response '")
                    && mine.substring(mine.lastIndexOf("': ")).equals(chaosaws.substring(chaosaws.lastIndexOf("': ")));
        }
        return mine.equals(chaosaws);
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue() && (x instanceof Double) == (y instanceof Double);
        }
        return java.util.Objects.equals(a, b);
    }

    private static String shown(Map<String, Object> item) {
        String text = "failed".equals(item.get("status")) ? "failed: " + failure(item) : "`" + Json.write(item.get("output")) + "`";
        text = text.replace("\n", " ").replace("|", "\\|");
        return text.length() > 110 ? text.substring(0, 60) + " … " + text.substring(text.length() - 45) : text;
    }

}
