package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.experiment.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ToleranceValidationTest {
    private static final String AT = "/steady-state-hypothesis/probes/0/tolerance";
    private static final ActivityCheck NO_ACTIVITY = (activity, path) -> {
        throw new AssertionError("not a probe tolerance");
    };
    private static final String NOT_A_TOLERANCE = "hypothesis probe tolerance must either be an integer, a string,"
            + " a boolean or a pair of values for boundaries. It can also be a dictionary which is a probe activity"
            + " definition that takes an argument called `value` with the value of the probe itself to be validated";

    private static List<Problem> validate(String tolerance) {
        return Tolerances.validate(json(tolerance), AT, NO_ACTIVITY);
    }

    private static List<Problem> problem(String child, String message) {
        return List.of(new Problem(AT + child, message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "true", "0", "200", "'ok'", "'${expected}'", "[200, 201]", "[]", "[0, 6.4]",
        "{'type':'regex','pattern':'^ok$'}",
        "{'type':'regex','pattern':'(?P<pod_name>[a-z]+)-(?P=pod_name)'}",
        "{'type':'regex','pattern':'cost: ${price} a{ [[] {}'}",
        "{'type':'jsonpath','path':'$.status','expect':'UP','target':'body'}",
        "{'type':'jsonpath','path':'$.pods[*][?(@.ready = true)].name'}",
        "{'type':'jsonpath','path':'$.pods[?(@.ready == true && @.phase != \\'Failed\\')]'}",
        "{'type':'jsonpath','path':'  $.items[?(@.a = 1 and not @.b = 2)]  '}",
        "{'type':'range','range':[0, 6.4]}",
        "{'type':'range','range':[true, 5],'target':'status'}",
    })
    void acceptsWhatChaosToolkitAccepts(String tolerance) {
        assertEquals(List.of(), validate(tolerance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "null", "-0.0"})
    void refusesFloatsAndNull(String tolerance) {
        assertEquals(problem("", NOT_A_TOLERANCE), validate(tolerance));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'regex'}                   | hypothesis regex probe tolerance must have a `pattern` key",
        "{'type':'regex','pattern':5}       | hypothesis probe tolerance pattern 5 has an invalid type",
        "{'type':'regex','pattern':null}    | hypothesis probe tolerance pattern None has an invalid type",
        "{'type':'regex','pattern':'(abc'}  | hypothesis probe tolerance pattern (abc seems invalid: Unclosed group",
        "{'type':'regex','pattern':'a**'}   | hypothesis probe tolerance pattern a** seems invalid: Dangling meta character '*'",
    })
    void regexPattern(String tolerance, String message) {
        assertEquals(problem("/pattern", message), validate(tolerance));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'jsonpath'}                | hypothesis jsonpath probe tolerance must have a `path` key",
        "{'type':'jsonpath','path':'  '}    | hypothesis probe tolerance JSON path cannot be empty",
        "{'type':'jsonpath','path':3}       | hypothesis probe tolerance JSON path 3 has an invalid type",
        "{'type':'jsonpath','path':null}    | hypothesis probe tolerance JSON path None has an invalid type",
        "{'type':'jsonpath','path':'status'} | hypothesis probe tolerance JSON path status is invalid: it must start with `$`",
        "{'type':'jsonpath','path':'$['}    | hypothesis probe tolerance JSON path $[ is invalid: it cannot be parsed",
        "{'type':'jsonpath','path':'$..'}   | hypothesis probe tolerance JSON path $.. is invalid: Path must not end with a '.' or '..'",
        "{'type':'jsonpath','path':'$.a[?(@.b = )]'} | hypothesis probe tolerance JSON path $.a[?(@.b = )] is invalid: Failed to parse filter: [?(@.b == )], error on position: 10, char: )",
    })
    void jsonPath(String tolerance, String message) {
        assertEquals(problem("/path", message), validate(tolerance));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'range'}                   | | hypothesis range probe tolerance must have a `range` key",
        "{'type':'range','range':'1..5'}    | | hypothesis range must be a sequence",
        "{'type':'range','range':[1]}       | | hypothesis range sequence must be made of two values",
        "{'type':'range','range':[1, 2, 3]} | | hypothesis range sequence must be made of two values",
        "{'type':'range','range':['1', 5]}  | /0 | hypothesis range lower boundary must be a number",
        "{'type':'range','range':[1, null]} | /1 | hypothesis range upper boundary must be a number",
    })
    void range(String tolerance, String index, String message) {
        assertEquals(problem("/range" + (index == null ? "" : index), message), validate(tolerance));
    }

    @Test
    void reportsBothBadBoundaries() {
        assertEquals(List.of(
                new Problem(AT + "/range/0", "hypothesis range lower boundary must be a number"),
                new Problem(AT + "/range/1", "hypothesis range upper boundary must be a number")),
                validate("{'type':'range','range':['${low}', {}]}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'script','path':'x'} | script",
        "{'pattern':'x'}              | None",
        "{'type':3}                   | 3",
    })
    void unsupportedType(String tolerance, String type) {
        assertEquals(problem("/type", "hypothesis probe tolerance type '" + type + "' is unsupported"),
                validate(tolerance));
    }

    @Test
    void probeToleranceIsValidatedAsAnActivity() {
        Object tolerance = json("{'type':'probe','name':'check','provider':{'type':'python'}}");
        List<Object> seen = new ArrayList<>();
        ActivityCheck activities = (activity, path) -> {
            seen.add(activity);
            seen.add(path);
            return List.of(new Problem(path + "/provider/module", "a Python provider requires a module"));
        };
        assertEquals(List.of(new Problem(AT + "/provider/module", "a Python provider requires a module")),
                Tolerances.validate(tolerance, AT, activities));
        assertEquals(List.of(tolerance, AT), seen);
    }
}
