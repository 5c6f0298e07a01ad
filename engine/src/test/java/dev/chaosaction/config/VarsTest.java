package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String error(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    @Test
    void varsAreTypedLikeEnvConfiguration() {
        assertEquals(Map.entry("n", 3L), Vars.parse("n:int=3"));
        assertEquals(Map.entry("b", false), Vars.parse("b:bool=no"));
        assertEquals(Map.entry("j", Map.of("a", 1L)), Vars.parse("j:json={\"a\":1}"));
        assertEquals(Map.entry("f", 2.0), Vars.parse("f:float=2"));
        assertEquals(Map.entry("s", "a=b:c"), Vars.parse("s=a=b:c"));
        assertEquals(Map.entry("t", "x"), Vars.parse("t:str=x"));
        assertEquals(Map.entry("ns:name", 3L), Vars.parse("ns:name:int=3"));
        assertEquals(Map.entry("e", ""), Vars.parse("e="));
        assertEquals(null, Vars.parse("nothing:json=null").getValue());
    }

    @Test
    void malformedVarsSayWhatIsWrongWithoutRepeatingTheValue() {
        assertEquals("--var needs the form name[:type]=value (no '=' found)", error(() -> Vars.parse("token:s3cr3t")));
        assertEquals("--var needs the form name[:type]=value (no name)", error(() -> Vars.parse("=3")));
        assertEquals("--var needs the form name[:type]=value (no name)", error(() -> Vars.parse(":int=3")));
        assertEquals("--var n: the value is not a valid int", error(() -> Vars.parse("n:int=s3cr3t")));
        assertEquals("--var n: unsupported type 'list': the type can only be bool, str, int, float, bytes or json",
                error(() -> Vars.parse("n:list=1")));
        assertEquals("--var n: unsupported type '': the type can only be bool, str, int, float, bytes or json",
                error(() -> Vars.parse("n:=1")));
    }

    @Test
    void jsonVarFilesGiveConfigurationAndSecrets() throws IOException {
        Path json = file("vars.json", """
                {"configuration": {"ns": "shop", "replicas": 2, "port": {"type": "env", "key": "PORT"}},
                 "secrets": {"k8s": {"token": "abcd"}}}
                """);

        Overrides overrides = Vars.load(List.of(json), List.of());

        assertEquals(Map.of("ns", "shop", "replicas", 2L, "port", Map.of("type", "env", "key", "PORT")),
                overrides.configuration());
        assertEquals(Map.of("k8s", Map.of("token", "abcd")), overrides.secrets());
        assertEquals(Map.of(), overrides.env());
    }

    @Test
    void yamlVarFilesAreYaml11() throws IOException {
        Path yaml = file("vars.yaml", """
                configuration:
                  enabled: on
                  verbose: no
                  count: 010
                  name: shop
                """);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("enabled", true);
        expected.put("verbose", false);
        expected.put("count", 8L);
        expected.put("name", "shop");
        assertEquals(expected, Vars.load(List.of(yaml), List.of()).configuration());
        assertEquals(Map.of("a", 1L), Vars.load(List.of(file("v.yml", "configuration: {a: 1}")), List.of())
                .configuration());
    }

    @Test
    void otherFilesAreDotEnvLines() throws IOException {
        Path env = file("prod.env", """
                # a comment

                PLAIN=value with spaces
                export EXPORTED=1
                DOUBLE="quoted # not a comment"
                SINGLE='it''s'
                MISMATCHED="half'
                URL=https://x.example/?a=b
                  SPACED = padded\s
                EMPTY=
                """);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("PLAIN", "value with spaces");
        expected.put("EXPORTED", "1");
        expected.put("DOUBLE", "quoted # not a comment");
        expected.put("SINGLE", "it''s");
        expected.put("MISMATCHED", "\"half'");
        expected.put("URL", "https://x.example/?a=b");
        expected.put("SPACED", "padded");
        expected.put("EMPTY", "");
        Overrides overrides = Vars.load(List.of(env), List.of());
        assertEquals(expected, overrides.env());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(overrides.env().keySet()));
        assertEquals(Map.of(), overrides.configuration());
    }

    @Test
    void anEmptyYamlOrJsonResultIsReadAsDotEnvLines() throws IOException {
        // A comment-only YAML document is null: its lines are then .env comments.
        assertEquals(new Overrides(Map.of(), Map.of(), Map.of()),
                Vars.load(List.of(file("c.yaml", "# A=1 is a comment in both\n")), List.of()));
        Path emptyMap = file("empty.json", "{}");
        assertEquals("invalid var file '" + emptyMap + "': line 1 is not KEY=VALUE",
                error(() -> Vars.load(List.of(emptyMap), List.of())));
        assertEquals(Overrides.NONE, Vars.load(List.of(file("blank.json", "")), List.of()));
    }

    @Test
    void laterVarFilesWinAndVarsWinOverFiles() throws IOException {
        Path first = file("first.json", """
                {"configuration": {"a": "first", "b": "first", "c": "first"},
                 "secrets": {"s": {"x": "first", "y": "first"}, "t": {"z": "first"}}}
                """);
        Path second = file("second.yaml", """
                configuration: {b: second, c: second}
                secrets: {s: {x: second}}
                """);
        Path env1 = file("one.env", "A=1\nB=1\n");
        Path env2 = file("two.env", "B=2\n");

        Overrides overrides = Vars.load(List.of(first, env1, second, env2), List.of("c=var", "d:int=4", "d:int=5"));

        assertEquals(Map.of("a", "first", "b", "second", "c", "var", "d", 5L), overrides.configuration());
        // A later scope replaces an earlier one whole: "y" is gone.
        assertEquals(Map.of("s", Map.of("x", "second"), "t", Map.of("z", "first")), overrides.secrets());
        assertEquals(Map.of("A", "1", "B", "2"), overrides.env());
    }

    @Test
    void unreadableOrUnparsableFilesNameTheFileAndTheParserMessage() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertEquals("cannot read var file '" + missing + "': no such file",
                error(() -> Vars.load(List.of(missing), List.of())));

        Path badJson = file("bad.json", "{\"configuration\": {\"a\": 1,}}");
        assertEquals("invalid var file '" + badJson + "': Unexpected character ('}' (code 125)): was expecting"
                        + " double-quote to start property name (line 1, column 27)",
                error(() -> Vars.load(List.of(badJson), List.of())));

        Path badYaml = file("bad.yaml", "configuration:\n  a: [1, 2\n  b: 3\n");
        assertEquals("invalid var file '" + badYaml + "': while parsing a flow sequence: expected ',' or ']', but"
                        + " got : (line 3, column 4)",
                error(() -> Vars.load(List.of(badYaml), List.of())));

        Path list = file("list.yaml", "- a\n- b\n");
        assertEquals("invalid var file '" + list + "': expected a mapping with 'configuration' and/or 'secrets',"
                + " found a list", error(() -> Vars.load(List.of(list), List.of())));

        Path badSection = file("section.json", "{\"configuration\": [1]}");
        assertEquals("invalid var file '" + badSection + "': 'configuration' must be a mapping",
                error(() -> Vars.load(List.of(badSection), List.of())));

        Path badScope = file("scope.json", "{\"secrets\": {\"k8s\": \"token\"}}");
        assertEquals("invalid var file '" + badScope + "': secret scope 'k8s' must be a mapping",
                error(() -> Vars.load(List.of(badScope), List.of())));

        Path badLine = file("bad.env", "A=1\n\nnot a pair\n");
        assertEquals("invalid var file '" + badLine + "': line 3 is not KEY=VALUE",
                error(() -> Vars.load(List.of(badLine), List.of())));

        Path latin1 = Files.write(dir.resolve("latin1.env"), new byte[] {'A', '=', (byte) 0xE9});
        assertEquals("cannot read var file '" + latin1 + "': not UTF-8 text",
                error(() -> Vars.load(List.of(latin1), List.of())));
    }
}
