package dev.chaosaction.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One test per rule of Chaos Toolkit's validation (ctk-spec.md §2), each with its path and message. */
class ValidatorTest {
    private static final String PROBE = """
            {"type": "probe", "name": "p", "tolerance": true,
             "provider": {"type": "python", "module": "test.fn", "func": "echo", "arguments": {"value": true}}}""";

    private static List<Problem> validate(String json) {
        return validate(json, ValidationContext.ALL_PROVIDERS, Map.of("PATH", System.getenv("PATH")));
    }

    private static List<Problem> validate(String json, Set<String> providers, Map<String, String> env) {
        var context = new ValidationContext(env, new FunctionCatalog(List.of(new TestFunctions())), providers);
        return new Validator(context).validate(Runs.parse(json));
    }

    private static String withMethod(String method) {
        return "{\"title\": \"t\", \"description\": \"d\", \"method\": [" + method + "]}";
    }

    private static void assertProblem(List<Problem> problems, String path, String message) {
        assertTrue(problems.contains(new Problem(path, message)), () -> "expected " + path + ": " + message
                + " in " + problems);
    }

    @Test
    void aValidExperimentHasNoProblems() {
        assertEquals(List.of(), validate("""
                {"title": "t", "description": "d", "steady-state-hypothesis": {"title": "h", "probes": [%s]},
                 "method": [{"ref": "p"}], "rollbacks": [{"ref": "p"}]}""".formatted(PROBE)));
    }

    @Test
    void anEmptyExperimentIsNoExperiment() {
        assertEquals(List.of(new Problem("", "an empty experiment is not an experiment")), validate("{}"));
    }

    @Test
    void everyTopLevelProblemIsReportedAtOnce() {
        List<Problem> problems = validate("{\"tags\": [\"\", 3], \"extensions\": [{\"name\": \" \"}]}");
        assertEquals(List.of(
                new Problem("/title", "experiment requires a title"),
                new Problem("/description", "experiment requires a description"),
                new Problem("/tags/0", "experiment tags must be a non-empty string"),
                new Problem("/tags/1", "experiment tags must be a non-empty string"),
                new Problem("/extensions/0/name", "All extensions require a non-empty name"),
                new Problem("/method", "an experiment requires a method, which can be empty for only checking "
                        + "steady state hypothesis")), problems);
    }

    @Test
    void aNullMethodIsAProblemNotACrash() {
        assertProblem(validate("{\"title\": \"t\", \"description\": \"d\", \"method\": null}"), "/method",
                "an experiment requires a method, which can be empty for only checking steady state hypothesis");
    }

    @Test
    void envConfigurationWithoutDefaultMustExist() {
        List<Problem> problems = validate("""
                {"title": "t", "description": "d", "method": [],
                 "configuration": {"u": {"type": "env", "key": "CHAOS_TEST_SURELY_UNSET"}}}""");
        assertProblem(problems, "/configuration/u",
                "Configuration makes reference to an environment key that does not exist: CHAOS_TEST_SURELY_UNSET");
    }

    @Test
    void dynamicConfigurationIsValidatedAsTheProbeItIs() {
        assertEquals(List.of(), validate("""
                {"title": "t", "description": "d", "method": [],
                 "configuration": {"token": {"type": "probe", "name": "p", "provider": {"type": "http", "url": "u"}}}}"""));
        assertProblem(validate("""
                {"title": "t", "description": "d", "method": [],
                 "configuration": {"token": {"type": "probe", "provider": {"type": "http", "url": "u"}}}}"""),
                "/configuration/token/name", "an activity must have a name");
    }

    @Test
    void hypothesisNeedsATitleAndTolerances() {
        List<Problem> problems = validate("""
                {"title": "t", "description": "d", "method": [],
                 "steady-state-hypothesis": {"probes": [{"ref": "nope"}, %s]}}"""
                .formatted(PROBE.replace("\"tolerance\": true,", "")));
        assertProblem(problems, "/steady-state-hypothesis/title", "hypothesis requires a title");
        assertProblem(problems, "/steady-state-hypothesis/probes/0/ref",
                "referenced activity 'nope' could not be found in the experiment");
        assertProblem(problems, "/steady-state-hypothesis/probes/0", Validator.MISSING_TOLERANCE);
        assertProblem(problems, "/steady-state-hypothesis/probes/1", Validator.MISSING_TOLERANCE);
    }

    @Test
    void hypothesisTolerancesAreValidated() {
        List<Problem> problems = validate("""
                {"title": "t", "description": "d", "method": [],
                 "steady-state-hypothesis": {"title": "h", "probes": [%s]}}""".formatted(
                PROBE.replace("\"tolerance\": true", "\"tolerance\": {\"type\": \"regex\"}")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.getFirst().path().startsWith("/steady-state-hypothesis/probes/0/tolerance"),
                problems::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {}                                                                 | /method/0          | empty activity is no activity
            {"ref": ""}                                                        | /method/0/ref      | reference to activity must be non-empty strings
            {"ref": "ghost"}                                                   | /method/0/ref      | referenced activity 'ghost' could not be found in the experiment
            {"name": "a", "provider": {"type": "http", "url": "u"}}            | /method/0          | an activity must have a type
            {"type": "task", "name": "a", "provider": {"type": "http", "url": "u"}} | /method/0/type | 'task' is not a supported activity type
            {"type": "action", "provider": {"type": "http", "url": "u"}}       | /method/0/name     | an activity must have a name
            {"type": "action", "name": "a"}                                    | /method/0/provider | an activity requires a provider
            {"type": "action", "name": "a", "provider": {"url": "u"}}          | /method/0/provider | a provider must have a type
            {"type": "action", "name": "a", "provider": {"type": "ruby"}}      | /method/0/provider/type | unknown provider type 'ruby'
            {"type": "action", "name": "a", "timeout": "x", "provider": {"type": "http", "url": "u"}} | /method/0/timeout | activity timeout must be a number
            {"type": "action", "name": "a", "pauses": {"before": "soon"}, "provider": {"type": "http", "url": "u"}} | /method/0/pauses/before | activity before pause must be a number or a pattern to a variable from the configuration or secrets
            {"type": "action", "name": "a", "background": "yes", "provider": {"type": "http", "url": "u"}} | /method/0/background | activity background must be a boolean
            {"type": "action", "name": "a", "provider": {"type": "python", "func": "echo"}} | /method/0/provider/module | a Python activity must have a module path
            {"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn"}} | /method/0/provider/func | a Python activity must have a function name
            {"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn", "func": "nope"}} | /method/0/provider/func | The python module 'test.fn' does not expose a function called 'nope' in action 'a'
            {"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn", "func": "tick"}} | /method/0/provider/arguments | required argument 'name' is missing from activity 'tick'
            {"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn", "func": "tick", "arguments": {"name": "n", "x": 1}}} | /method/0/provider/arguments/x | argument 'x' is not part of the function signature in activity 'tick'
            {"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn", "func": "tick", "arguments": {"name": 3}}} | /method/0/provider/arguments/name | argument 'name' of 'tick' must be str, not int
            """)
    void eachActivityRule(String activity, String path, String message) {
        assertProblem(validate(withMethod(activity)), path, message);
    }

    @Test
    void anUnknownModuleNamesTheSupportedOnes() {
        List<Problem> problems = validate(withMethod("""
                {"type": "action", "name": "a", "provider": {"type": "python", "module": "chaosaws.ec2.actions",
                 "func": "stop_instance"}}"""));
        assertProblem(problems, "/method/0/provider/module", "could not find Python module 'chaosaws.ec2.actions' in "
                + "activity 'a'; this runner implements these modules natively: test.fn");
    }

    @Test
    void rollbackRefsMustResolveUnlikeInChaosToolkitWhereTheyCrashLater() {
        List<Problem> problems = validate("{\"title\": \"t\", \"description\": \"d\", \"method\": [], "
                + "\"rollbacks\": [{\"ref\": \"undo\"}]}");
        assertProblem(problems, "/rollbacks/0/ref", "referenced activity 'undo' could not be found in the experiment");
    }

    @Test
    void unknownRuntimeStrategiesAreProblems() {
        List<Problem> problems = validate("""
                {"title": "t", "description": "d", "method": [],
                 "runtime": {"rollbacks": {"strategy": "sometimes"}, "hypothesis": {"strategy": "continously"}}}""");
        assertEquals(List.of(new Problem("/runtime/rollbacks/strategy", "unknown rollback strategy 'sometimes', "
                + "expected one of: default, always, never, deviated")), problems);
    }

    @Test
    void providersNotAllowedHereAreRefused() {
        List<Problem> problems = validate(withMethod("""
                {"type": "action", "name": "a", "provider": {"type": "process", "path": "echo"}}"""),
                Set.of("http", "python"), Map.of("PATH", "/bin:/usr/bin"));
        assertProblem(problems, "/method/0/provider/type", "provider type 'process' is not allowed here (allowed: "
                + "http, python)");
    }

    @Test
    void theBriefsKubernetesProviderTypeIsAnAliasOfPython() throws Exception {
        var prepared = Runs.prepare(withMethod("""
                {"type": "action", "name": "a", "provider": {"type": "kubernetes", "module": "test.fn", "func": "echo"}}"""));
        assertEquals("python", ((Map<?, ?>) ((Map<?, ?>) ((List<?>) prepared.experiment().get("method")).getFirst())
                .get("provider")).get("type"));
    }
}
