package dev.chaosaction.tolerance;

import static dev.chaosaction.tolerance.Outputs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.Jackson3JsonProvider;
import dev.chaosaction.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathDialectTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "$.pods[*][?(@.ready = true)].name => $.pods[*][?(@.ready == true)].name",
        "$.pods.*[?(@.phase = \"Running\")] => $.pods.*[?(@.phase == \"Running\")]",
        "$.a[?(@.name = 'a=b')] => $.a[?(@.name == 'a=b')]",
        "$.a[?(@.x = 1 and @.y = 2)] => $.a[?(@.x == 1 && @.y == 2)]",
        "$.a[?(@.x = 1 or @.y = 2)] => $.a[?(@.x == 1 || @.y == 2)]",
        "$.a[?(@.x = 1 or @.y = 2 and @.z = 3)] => $.a[?((@.x == 1 || @.y == 2) && @.z == 3)]",
        "$.a[?(@.x = 1 and @.y = 2 or @.z = 3)] => $.a[?(@.x == 1 && (@.y == 2 || @.z == 3))]",
        "$.a[?(not @.x = 1)] => $.a[?(!(@.x == 1))]",
        "$.a[?(not not @.x)] => $.a[?(!(!(@.x)))]",
        "$.a[?(@.x = 1 and not (@.y = 2 or @.z))] => $.a[?(@.x == 1 && !((@.y == 2 || @.z)))]",
        "$.a[?(@.android = true and @.order >= 2)] => $.a[?(@.android == true && @.order >= 2)]",
        "$.pods[*][?(@.phase = 'Running')].containers[*][?(@.ready = false)].name => $.pods[*][?(@.phase == 'Running')].containers[*][?(@.ready == false)].name",
    })
    void rewritesJsonpath2Filters(String jsonpath2, String jayway) {
        assertEquals(jayway, JsonPathDialect.toJayway(jsonpath2));
        JsonPath.compile(jayway);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$.status",
        "$['a=b'].c",
        "$.a=b",
        "$..name",
        "$.pods[0:2]",
        "$.pods.length()",
        "$.a[?(@.x == 1)]",
        "$.a[?(@.x != 1 && @.y <= 2 || @.z >= 3)]",
        "$.a[?(!(@.x == 1))]",
        "$.a[?(@.name =~ /web-(and|or)=\\d+/i)]",
        "$.a[?(@.tags anyof ['x', 'y'] && @.size() > 0)]",
    })
    void leavesJaywaySyntaxAlone(String path) {
        assertEquals(path, JsonPathDialect.toJayway(path));
        JsonPath.compile(path);
    }

    /** jsonpath2 reads {@code a or b and c} as {@code (a or b) and c}. */
    @Test
    void precedenceFollowsJsonpath2() {
        Object items = json("[{'id': 1, 'x': 1, 'z': 0}, {'id': 2, 'x': 1, 'z': 3}, {'id': 3, 'y': 2, 'z': 3}]");
        assertEquals(List.of(2L, 3L), read(items, "$[*][?(@.x = 1 or @.y = 2 and @.z = 3)].id"));
        assertEquals(List.of(2L, 3L), read(items, "$[*][?(@.z = 3 and @.y = 2 or @.x = 1)].id"));
    }

    /**
     * Why {@code [*][?(...)]} is not rewritten to {@code [?(...)]}: both filter the items of a list, but only the
     * first, like jsonpath2, filters the values of a map.
     */
    @Test
    void wildcardBeforeAFilterKeepsJsonpath2Semantics() {
        Object nodes = json("{'byName': {'n1': {'ready': true}, 'n2': {'ready': false}}, "
                + "'list': [{'name': 'n1', 'ready': true}, {'name': 'n2', 'ready': false}]}");
        assertEquals(List.of(true), read(nodes, "$.byName[*][?(@.ready = true)].ready"));
        assertEquals(List.of(), read(nodes, "$.byName[?(@.ready == true)].ready"));
        assertEquals(List.of("n1"), read(nodes, "$.list[*][?(@.ready = true)].name"));
        assertEquals(List.of("n1"), read(nodes, "$.list[?(@.ready == true)].name"));
    }

    private static Object read(Object document, String path) {
        Configuration conf = Configuration.builder().jsonProvider(new Jackson3JsonProvider(Json.mapper())).build();
        return JsonPath.compile(JsonPathDialect.toJayway(path)).read(document, conf);
    }
}
