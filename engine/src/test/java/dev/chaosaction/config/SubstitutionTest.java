package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
    private static Map<String, Object> names() {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("n", 3L);
        names.put("b", true);
        names.put("none", null);
        names.put("half", 1.5);
        names.put("two", 2.0);
        names.put("map", new LinkedHashMap<>(Map.of("a", 1L)));
        names.put("list", List.of(1L, "x"));
        names.put("host", "example.org");
        names.put("svc", "web");
        return names;
    }

    private static Object sub(Object value) {
        return Substitution.substitute(value, names());
    }

    @Test
    void lookupPutsConfigurationFirstThenScopesInOrderAndTheFirstDefinitionWins() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("shared", "from-config");
        configuration.put("nulled", null);
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        secrets.put("first", Map.of("shared", "from-first", "token", "t1", "nulled", "hidden"));
        secrets.put("second", Map.of("token", "t2", "only", "o"));

        Map<String, Object> lookup = Substitution.lookup(configuration, secrets);

        assertEquals("from-config", lookup.get("shared"));
        assertEquals("t1", lookup.get("token"));
        assertEquals("o", lookup.get("only"));
        assertNull(lookup.get("nulled"));
        assertEquals(4, lookup.size());
        assertEquals(Map.of(), Substitution.lookup(null, null));
    }

    @Test
    void aStringThatIsExactlyOneBracedPlaceholderKeepsTheValueType() {
        assertEquals(3L, sub("${n}"));
        assertEquals(true, sub("${b}"));
        assertNull(sub("${none}"));
        assertEquals(1.5, sub("${half}"));
        assertEquals(Map.of("a", 1L), sub("${map}"));
        assertEquals(List.of(1L, "x"), sub("${list}"));
    }

    @Test
    void insideLongerTextValuesAreFormattedLikePythonStr() {
        assertEquals("n=3 b=True none=None", sub("n=${n} b=${b} none=${none}"));
        assertEquals("1.5/2.0", sub("${half}/${two}"));
        assertEquals("m={'a': 1} l=[1, 'x']", sub("m=${map} l=${list}"));
        assertEquals("http://example.org:3/", sub("http://${host}:${n}/"));
    }

    @Test
    void bareDollarNamesAreSubstitutedButOnlyBracedOnesKeepTheirType() {
        assertEquals("https://example.org/x", sub("https://$host/x"));
        assertEquals("web-name", sub("$svc-name"));
        // CTK's typed shortcut reads only the braced group: "$n" alone goes through str().
        assertEquals("3", sub("$n"));
        assertEquals("True", sub("$b"));
    }

    @Test
    void doubleDollarIsAnEscapedDollar() {
        assertEquals("costs $5", sub("costs $$5"));
        assertEquals("$", sub("$$"));
        assertEquals("${n}", sub("$${n}"));
        assertEquals("$3", sub("$$$n"));
    }

    @Test
    void namesThatAreNotIdentifiersAndUnknownNamesStayVerbatim() {
        assertEquals("${svc-name}", sub("${svc-name}"));
        assertEquals("${nope}", sub("${nope}"));
        assertEquals("a $nope ${nope} b", sub("a $nope ${nope} b"));
        assertEquals("5$ and $ and ${", sub("5$ and $ and ${"));
        assertEquals("${1abc}", sub("${1abc}"));
    }

    @Test
    void substitutionIsOnePassSoValuesAreNeverExpandedAgain() {
        Map<String, Object> lookup = new HashMap<>();
        lookup.put("self", "${self}");
        lookup.put("a", "$b");
        lookup.put("b", "x");
        assertEquals("${self}", Substitution.substitute("${self}", lookup));
        assertEquals("[${self}]", Substitution.substitute("[${self}]", lookup));
        assertEquals("<$b>", Substitution.substitute("<${a}>", lookup));
    }

    @Test
    void mapsAndListsAreWalkedButMapKeysAreNotSubstituted() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("flag", "${b}");
        inner.put("count", 7L);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("${n}", List.of("${n}", List.of("at ${host}"), inner));
        doc.put("plain", false);

        Object result = Substitution.substitute(doc, names());

        Map<String, Object> expectedInner = new LinkedHashMap<>();
        expectedInner.put("flag", true);
        expectedInner.put("count", 7L);
        assertEquals(Map.of("${n}", List.of(3L, List.of("at example.org"), expectedInner), "plain", false), result);
        assertEquals("${b}", inner.get("flag"), "the input is not modified");
    }

    @Test
    void nonTextScalarsAreReturnedAsTheyAre() {
        assertEquals(5L, sub(5L));
        assertNull(sub(null));
        List<Object> empty = new ArrayList<>();
        assertEquals(empty, sub(empty));
        Object marker = new Object();
        assertSame(marker, sub(marker));
    }
}
