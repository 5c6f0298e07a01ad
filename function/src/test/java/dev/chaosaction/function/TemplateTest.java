package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.function.CfnYaml.Fn;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml agrees with the code: the handler, the runtime, the variables, the role, the event payloads. */
class TemplateTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static Map<String, Object> template;
    /** The stack the SAM translator makes of it (null without the tools): the role tests read its role. */
    private static Map<String, Object> deployed;
    /** What CloudFormation would substitute, for a stack whose bucket is {@code journals}. */
    private static final Map<String, String> NAMES = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        template = CfnYaml.load(TEMPLATE);
        if (SamTransform.available()) deployed = SamTransform.deployed(TEMPLATE);
        map(template, "Parameters").forEach((name, parameter) -> {
            Object value = map(parameter).get("Default");
            if (value != null) NAMES.put(name, String.valueOf(value));
        });
        NAMES.putAll(Map.of("ClusterName", "shop-cluster", "JournalBucket", Harness.BUCKET,
                "JournalBucket.Arn", "arn:aws:s3:::" + Harness.BUCKET, "AWS::Partition", "aws",
                "AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012",
                "ChaosLogs.Arn", "arn:aws:logs:eu-west-1:123456789012:log-group:chaos-logs:*",
                "FailedInvocations.Arn", "arn:aws:sqs:eu-west-1:123456789012:failed",
                "ChaosRole.Arn", "arn:aws:iam::123456789012:role/chaos"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String... path) {
        Object at = value;
        for (String key : path) at = ((Map<String, Object>) at).get(key);
        return (Map<String, Object>) at;
    }

    private static Map<String, Object> resource(String name) {
        return map(template, "Resources", name, "Properties");
    }

    private static Map<String, Object> function() {
        return resource("ChaosFunction");
    }

    @Test
    void theHandlerIsAStreamHandlerLambdaCanInstantiate() throws Exception {
        String[] handler = ((String) function().get("Handler")).split("::");
        Class<?> type = Class.forName(handler[0]);

        assertTrue(RequestStreamHandler.class.isAssignableFrom(type));
        assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()));
        assertEquals("handleRequest", handler[1]);
        assertEquals(handler[1], type.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class).getName());
    }

    @Test
    void theRuntimeIsTheJavaReleaseTheCodeIsCompiledFor() throws Exception {
        try (InputStream in = ChaosHandler.class.getResourceAsStream("ChaosHandler.class");
             DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            int release = data.readUnsignedShort() - 44;
            assertEquals("java" + release, function().get("Runtime"));
        }
    }

    @Test
    void everyVariableTheTemplateSetsIsOneTheFunctionReads() {
        Set<String> set = map(function(), "Environment", "Variables").keySet();

        assertTrue(FunctionConfig.NAMES.containsAll(set), set + " vs " + FunctionConfig.NAMES);
        assertEquals(Set.of(FunctionConfig.JOURNAL_BUCKET, FunctionConfig.JOURNAL_PREFIX, FunctionConfig.EKS_CLUSTER_NAME,
                FunctionConfig.ALLOWED_PROVIDERS, FunctionConfig.KILL_SWITCH, FunctionConfig.STOP_ALARMS,
                FunctionConfig.EXPERIMENTS_PREFIX, Guardrails.ENV_ALLOWED, Guardrails.ENV_MAX_PODS,
                FunctionConfig.ALLOWED_ENV, FunctionConfig.EGRESS_ALLOW, FunctionConfig.ALLOWED_FUNCTIONS), set);
        assertEquals(new Fn("Ref", "JournalBucket"), map(function(), "Environment", "Variables").get("JOURNAL_BUCKET"));
        assertEquals("s3://journals/chaos-kill-switch", killSwitch());
        assertEquals("s3://journals/experiments/", CfnYaml.resolve(map(function(), "Environment", "Variables")
                .get(FunctionConfig.EXPERIMENTS_PREFIX), NAMES));
    }

    /** The function the template deploys refuses to start when its KillSwitchKey is under JournalPrefix. */
    @Test
    void aKillSwitchKeyUnderTheJournalPrefixStopsTheDeployment() {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("KillSwitchKey", NAMES.get("JournalPrefix") + "chaos-kill-switch");
        Map<String, String> env = new HashMap<>();
        map(function(), "Environment", "Variables").forEach((name, value) ->
                env.put(name, String.valueOf(CfnYaml.resolve(value, names))));
        assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(env));
        env.put(FunctionConfig.KILL_SWITCH, killSwitch());
        assertEquals(Harness.BUCKET, FunctionConfig.fromEnv(env).bucket());
    }

    /** The kill switch the template sets, as the function reads it. */
    private static String killSwitch() {
        return (String) CfnYaml.resolve(map(function(), "Environment", "Variables").get(FunctionConfig.KILL_SWITCH), NAMES);
    }

    @Test
    void theRoleAllowsEveryS3CallTheFunctionMakesAndNoMore() {
        S3Calls recorder = new S3Calls();
        try (S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
             LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"));
             Sandbox cluster = Sandbox.start()) {
            String experiment = NAMES.get("ExperimentsPrefix") + "checkout.json";
            s3.put(Harness.BUCKET, experiment, Samples.probeOnly(app.url("/health")));
            String podKill = NAMES.get("ExperimentsPrefix") + "pod-kill.json";
            s3.put(Harness.BUCKET, podKill, Samples.podKill(cluster.namespace()));
            // The kubeconfig wins over EKS_CLUSTER_NAME for the connection; the cluster name still names the locks.
            Harness function = Harness.s3(s3, Map.of(FunctionConfig.KILL_SWITCH, killSwitch(),
                    FunctionConfig.EKS_CLUSTER_NAME, NAMES.get("ClusterName"), "KUBECONFIG", cluster.kubeconfig().toString()),
                    List.of(Kubernetes.libraryFactory()), recorder);
            String payload = "{\"experiment\": \"s3://" + Harness.BUCKET + "/" + experiment + "\", \"runId\": \"iam-1\"}";
            assertEquals("completed", function.invoke(payload).get("status"));
            function.invoke(payload); // a duplicate: the lock is read back
            // A run that changes a namespace locks it: create, and later release, its lock.
            assertEquals("completed", function.invoke("{\"experiment\": \"s3://" + Harness.BUCKET + "/" + podKill
                    + "\", \"runId\": \"iam-2\"}").get("status"));
        }

        assertTrue(recorder.calls.contains(new S3Calls.Call("HeadObject", Harness.BUCKET, "chaos-kill-switch")));
        assertTrue(recorder.calls.contains(new S3Calls.Call("HeadBucket", Harness.BUCKET, null)));
        assertTrue(recorder.calls.contains(new S3Calls.Call("PutObject", Harness.BUCKET,
                "journals/targets/shop-cluster/shop.lock")), recorder.calls.toString());
        assertEquals(Set.of("s3:GetObject", "s3:PutObject", "s3:ListBucket"),
                recorder.calls.stream().map(S3Calls.Call::action).collect(Collectors.toSet()));
        for (S3Calls.Call call : recorder.calls) {
            assertTrue(allowed(call.action(), call.resource()), call + " is not allowed");
        }
        assertFalse(allowed("s3:PutObject", "arn:aws:s3:::" + Harness.BUCKET + "/experiments/x.json"));
        assertFalse(allowed("s3:DeleteObject", "arn:aws:s3:::" + Harness.BUCKET + "/journals/x.json"));
    }

    @Test
    void theRoleMayDescribeTheNamedClusterOnly() {
        // The engine's EKS connector calls DescribeCluster; the token needs no permission (presigned STS).
        assertTrue(allowed("eks:DescribeCluster", "arn:aws:eks:eu-west-1:123456789012:cluster/shop-cluster"));
        assertFalse(allowed("eks:DescribeCluster", "arn:aws:eks:eu-west-1:123456789012:cluster/other"));
    }

    @Test
    void theRoleHasNoWildcardActionOrResource() {
        for (Map<String, Object> statement : statements()) {
            assertFalse(list(statement.get("Action")).stream().anyMatch(a -> ((String) a).contains("*")), statement.toString());
            assertFalse(list(CfnYaml.resolve(statement.get("Resource"), NAMES)).contains("*"), statement.toString());
        }
    }

    @Test
    void asynchronousInvocationsAreNotRetriedAndFailuresGoToAQueue() {
        Map<String, Object> config = map(function(), "EventInvokeConfig");

        assertEquals(0, config.get("MaximumRetryAttempts"));
        assertEquals(Map.of("Type", "SQS", "Destination", new Fn("GetAtt", "FailedInvocations.Arn")),
                map(config, "DestinationConfig", "OnFailure"));
        assertTrue(allowed("sqs:SendMessage", NAMES.get("FailedInvocations.Arn")));
    }

    @Test
    void snapStartAppliesToPublishedVersionsThroughAnAliasWithTheLongestTimeout() {
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), function().get("SnapStart"));
        assertEquals("live", function().get("AutoPublishAlias"));
        assertEquals(900, function().get("Timeout"));
        assertEquals(List.of(new Fn("Ref", "Architecture")), function().get("Architectures"));
    }

    @Test
    void theExampleScheduleIsDisabledAndDeliversARequestWhoseFiringIsItsRunId() throws Exception {
        Map<String, Object> event = map(function(), "Events", "ExampleSchedule");
        Map<String, Object> properties = map(event, "Properties");
        String input = (String) CfnYaml.resolve(properties.get("Input"), NAMES);
        String arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/example";

        Request asDelivered = Payloads.parse(input.replace("<aws.scheduler.schedule-arn>", arn)
                .replace("<aws.scheduler.scheduled-time>", "2024-05-07T10:00:00Z").getBytes(StandardCharsets.UTF_8));

        assertEquals("ScheduleV2", event.get("Type"));
        assertEquals("second-stack-example", CfnYaml.resolve(properties.get("Name"),
                Map.of("AWS::StackName", "second-stack")), "a name of its stack's, not SAM's logical-id name");
        assertEquals("DISABLED", properties.get("State"));
        assertEquals(Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 3600), properties.get("RetryPolicy"));
        assertEquals("s3://journals/experiments/pod-kill.json", asDelivered.experiment());
        assertEquals(Request.safe(arn + " 2024-05-07T10:00:00Z"), asDelivered.runId("request-id"));
        assertEquals("always", asDelivered.settings().rollbackStrategy());
        assertTrue(allowed("s3:GetObject", "arn:aws:s3:::journals/experiments/pod-kill.json"));
    }

    @Test
    void anUploadUnderTheExperimentsPrefixRunsOnlyWhenTheStackSaysSo() {
        Map<String, Object> event = map(function(), "Events", "ExperimentUploaded");
        Map<String, Object> properties = map(event, "Properties");
        Map<String, Object> pattern = map(properties, "Pattern");
        assertEquals("EventBridgeRule", event.get("Type"));
        assertEquals(List.of("aws.s3"), pattern.get("source"));
        assertEquals(List.of("Object Created"), pattern.get("detail-type"));
        assertEquals(List.of(new CfnYaml.Fn("Ref", "JournalBucket")), map(pattern, "detail", "bucket").get("name"));
        assertEquals(List.of(Map.of("prefix", new CfnYaml.Fn("Ref", "ExperimentsPrefix"))),
                map(pattern, "detail", "object").get("key"));
        assertEquals("false", map(template, "Parameters", "RunExperimentsOnUpload").get("Default"));
        assertEquals(Map.of("EventBridgeEnabled", true),
                map(resource("JournalBucket"), "NotificationConfiguration").get("EventBridgeConfiguration"));
    }

    @Test
    void theJournalBucketIsEncryptedVersionedPrivateTlsOnlyAndExpiresJournals() {
        Map<String, Object> bucket = resource("JournalBucket");
        assertEquals("AES256", map(list(map(bucket, "BucketEncryption").get("ServerSideEncryptionConfiguration"))
                .getFirst(), "ServerSideEncryptionByDefault").get("SSEAlgorithm"));
        assertEquals(Map.of("Status", "Enabled"), bucket.get("VersioningConfiguration"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        Map<String, Object> rule = map(list(map(bucket, "LifecycleConfiguration").get("Rules")).getFirst());
        assertEquals(new Fn("Ref", "JournalPrefix"), rule.get("Prefix"));
        assertEquals(new Fn("Ref", "JournalRetentionDays"), rule.get("ExpirationInDays"));

        Map<String, Object> tls = map(list(map(resource("JournalBucketPolicy"), "PolicyDocument").get("Statement")).getFirst());
        assertEquals("Deny", tls.get("Effect"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), tls.get("Condition"));
        assertEquals(List.of("arn:aws:s3:::journals", "arn:aws:s3:::journals/*"), CfnYaml.resolve(tls.get("Resource"), NAMES));
    }

    /** The attack: the template could not set them, so every namespace but kube-system was open, 50 pods. */
    @Test
    void theDeploymentSetsTheAllowedNamespacesFromItsParameterAndThePodCap() {
        Map<String, Object> variables = map(function(), "Environment", "Variables");
        assertEquals(new Fn("Join", List.of(",", new Fn("Ref", "Namespaces"))), variables.get(Guardrails.ENV_ALLOWED));
        assertEquals(new Fn("Ref", "MaxPods"), variables.get(Guardrails.ENV_MAX_PODS));
        assertEquals("50", NAMES.get("MaxPods"));
    }

    @Test
    void theAccessEntryPutsTheRoleInTheGroupTheRbacManifestBindsByDefault() {
        Map<String, Object> entry = resource("ChaosAccessEntry");
        assertEquals("groups", NAMES.get("KubernetesAccess"));
        assertEquals(new Fn("If", List.of("UseManagedPolicy", new Fn("Ref", "AWS::NoValue"),
                List.of(new Fn("Ref", "KubernetesGroup")))), entry.get("KubernetesGroups"));
        assertEquals("chaos-action", NAMES.get("KubernetesGroup"));
        assertEquals(new Fn("Ref", "AWS::NoValue"), ((List<?>) ((Fn) entry.get("AccessPolicies")).argument()).get(2));
    }

    @Test
    void theManagedPolicyRouteGivesTheRoleEditRightsInTheChosenNamespacesOnly() {
        Map<String, Object> entry = resource("ChaosAccessEntry");
        assertEquals(new Fn("Ref", "ClusterName"), entry.get("ClusterName"));
        assertEquals(new Fn("GetAtt", "ChaosRole.Arn"), entry.get("PrincipalArn"));
        List<?> managed = (List<?>) ((List<?>) ((Fn) entry.get("AccessPolicies")).argument()).get(1);
        Map<String, Object> edit = map(managed.getFirst());
        assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", CfnYaml.resolve(edit.get("PolicyArn"), NAMES));
        assertEquals(Map.of("Type", "namespace", "Namespaces", new Fn("Ref", "Namespaces")), edit.get("AccessScope"));
    }

    @Test
    void outputsNameTheFunctionAndTheBucketAndNothingIsNamedByHand() {
        Map<String, Object> outputs = map(template, "Outputs");
        assertEquals(new Fn("GetAtt", "ChaosFunction.Arn"), map(outputs, "FunctionArn").get("Value"));
        assertEquals(new Fn("Ref", "JournalBucket"), map(outputs, "JournalBucketName").get("Value"));
        for (String name : map(template, "Resources").keySet()) {
            Map<String, Object> properties = resource(name);
            for (String key : List.of("BucketName", "FunctionName", "RoleName", "QueueName", "LogGroupName")) {
                assertFalse(properties.containsKey(key), name + " sets " + key);
            }
        }
    }

    @Test
    void theDeployedStackKeepsTheRoleAndAddsOnlyTheSchedulersRightToInvokeTheAlias() throws Exception {
        Map<String, Object> stack = map(SamTransform.deployed(TEMPLATE), "Resources");
        Map<String, Object> function = map(stack, "ChaosFunction", "Properties");

        assertEquals(resource("ChaosRole"), map(stack, "ChaosRole", "Properties"));
        assertEquals(new Fn("GetAtt", "ChaosRole.Arn"), function.get("Role"));
        assertFalse(function.containsKey("ManagedPolicyArns"), function.toString());
        stack.forEach((name, resource) -> {
            if (!"AWS::IAM::Role".equals(map(resource).get("Type")) || name.equals("ChaosRole")) return;
            Map<String, Object> role = map(resource, "Properties");
            assertEquals(Map.of("Service", List.of("scheduler.amazonaws.com")), map(list(map(role,
                    "AssumeRolePolicyDocument").get("Statement")).getFirst()).get("Principal"), name);
            for (Object policy : list(role.get("Policies"))) {
                for (Object statement : list(map(policy, "PolicyDocument").get("Statement"))) {
                    assertTrue(Set.of("lambda:InvokeFunction", "sqs:SendMessage").containsAll(
                            list(map(statement).get("Action"))), name + ": " + statement);
                }
            }
        });
    }

    @Test
    void nothingInTheDeployedStackIsNamedByHand() throws Exception {
        map(SamTransform.deployed(TEMPLATE), "Resources").forEach((name, resource) -> {
            Map<String, Object> properties = map(resource, "Properties");
            // An alias's name is its function's own (live), not the account's.
            if (properties == null || "AWS::Lambda::Alias".equals(map(resource).get("Type"))) return;
            for (String key : List.of("Name", "BucketName", "FunctionName", "RoleName", "QueueName", "LogGroupName")) {
                assertFalse(properties.get(key) instanceof String, name + " is named " + properties.get(key)
                        + ": a second stack in the account would collide with it");
            }
        });
    }

    @Test
    void stopAlarmsAreReadWithDescribeAlarmsOnExactlyTheParametersAlarms() {
        Map<String, Object> policy = map(template, "Resources", "StopAlarmsPolicy");
        assertEquals("HasStopAlarms", policy.get("Condition"));
        Map<String, Object> statement = map(list(map(policy, "Properties", "PolicyDocument").get("Statement")).getFirst());
        assertEquals("cloudwatch:DescribeAlarms", statement.get("Action"));
        assertEquals(new CfnYaml.Fn("Ref", "StopAlarmArns"), statement.get("Resource"));
        assertEquals(new CfnYaml.Fn("Join", List.of(",", new CfnYaml.Fn("Ref", "StopAlarmArns"))),
                map(function(), "Environment", "Variables").get(FunctionConfig.STOP_ALARMS));
    }

    @Test
    void cloudWatchProbesReadMetricsOnlyWhenTheParameterSaysRead() {
        Map<String, Object> policy = map(template, "Resources", "CloudWatchProbesPolicy");
        assertEquals("ReadCloudWatch", policy.get("Condition"));
        assertEquals(new CfnYaml.Fn("Equals", List.of(new CfnYaml.Fn("Ref", "CloudWatchProbes"), "read")),
                map(template, "Conditions").get("ReadCloudWatch"));
        assertEquals("none", map(template, "Parameters", "CloudWatchProbes").get("Default"));
        Map<String, Object> statement = map(list(map(policy, "Properties", "PolicyDocument").get("Statement")).getFirst());
        assertEquals(List.of("cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:DescribeAlarms"),
                statement.get("Action"));
    }

    // --- the role's policy -----------------------------------------------------------------------------

    private static List<Map<String, Object>> statements() {
        Map<String, Object> role = deployed == null ? resource("ChaosRole") : map(deployed, "Resources", "ChaosRole", "Properties");
        Map<String, Object> policy = map(list(role.get("Policies")).getFirst());
        return list(map(policy, "PolicyDocument").get("Statement")).stream().map(TemplateTest::map).toList();
    }

    /** Whether an Allow statement of the role names {@code action} on a resource pattern matching {@code arn}. */
    private static boolean allowed(String action, String arn) {
        return statements().stream()
                .filter(s -> "Allow".equals(s.get("Effect")) && list(s.get("Action")).contains(action))
                .flatMap(s -> list(CfnYaml.resolve(s.get("Resource"), NAMES)).stream())
                .anyMatch(pattern -> glob((String) pattern).matcher(arn).matches());
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }
}
