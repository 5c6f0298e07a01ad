package dev.chaosaction.compat;

import dev.chaosaction.value.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Families of cases made from parts, for breadth: every probe output against every kind of tolerance, every
 * strategy against every way a run can go, dry modes, substitution, configuration, secrets, pauses, HTTP and
 * process providers and the Kubernetes functions. Each case is one experiment; its id names the family and
 * the variant.
 */
final class Generated {
    private Generated() {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(tolerances());
        cases.addAll(strategies());
        cases.addAll(processes());
        cases.addAll(http());
        cases.addAll(substitution());
        cases.addAll(configuration());
        cases.addAll(pauses());
        cases.addAll(kubernetes());
        cases.addAll(validation());
        return cases;
    }

    // ---- building blocks -------------------------------------------------------------------------------

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) map.put((String) kv[i], kv[i + 1]);
        return map;
    }

    static Map<String, Object> process(String path, Object arguments) {
        Map<String, Object> p = m("type", "process", "path", path);
        if (arguments != null) p.put("arguments", arguments);
        return p;
    }

    static Map<String, Object> sh(String script) {
        return process("/bin/sh", List.of("-c", script));
    }

    static Map<String, Object> http(String path) {
        return m("type", "http", "url", "@HTTP@" + path, "timeout", 5);
    }

    static Map<String, Object> k8s(String module, String func, Map<String, Object> arguments) {
        Map<String, Object> p = m("type", "python", "module", module, "func", func);
        if (arguments != null) p.put("arguments", arguments);
        return p;
    }

    static Map<String, Object> probe(String name, Map<String, Object> provider, Object tolerance) {
        Map<String, Object> p = m("type", "probe", "name", name, "provider", provider);
        if (tolerance != null) p.put("tolerance", tolerance);
        return p;
    }

    static Map<String, Object> action(String name, Map<String, Object> provider) {
        return m("type", "action", "name", name, "provider", provider);
    }

    static Map<String, Object> experiment(List<?> hypothesis, List<?> method, List<?> rollbacks) {
        Map<String, Object> e = m("version", "1.0.0", "title", "generated", "description", "a generated case");
        if (hypothesis != null) e.put("steady-state-hypothesis", m("title", "hypothesis", "probes", hypothesis));
        e.put("method", method);
        if (rollbacks != null) e.put("rollbacks", rollbacks);
        return e;
    }

    static Case run(String id, Map<String, Object> experiment) {
        return Case.run(id, Json.write(experiment));
    }

    // ---- tolerances ------------------------------------------------------------------------------------

    private static final Map<String, Map<String, Object>> OUTPUTS = new LinkedHashMap<>();
    static {
        OUTPUTS.put("echo", process("/bin/echo", List.of("-n", "hello world 42")));
        OUTPUTS.put("exit3", sh("exit 3"));
        OUTPUTS.put("json", http("/json"));
        OUTPUTS.put("status404", http("/status/404"));
        OUTPUTS.put("text", http("/text"));
        OUTPUTS.put("list", http("/list"));
    }

    private static final Map<String, Object> TOLERANCES = new LinkedHashMap<>();
    static {
        TOLERANCES.put("true", true);
        TOLERANCES.put("false", false);
        TOLERANCES.put("int-0", 0);
        TOLERANCES.put("int-3", 3);
        TOLERANCES.put("int-200", 200);
        TOLERANCES.put("int-404", 404);
        TOLERANCES.put("str-UP", "UP");
        TOLERANCES.put("str-hello", "hello world 42");
        TOLERANCES.put("list-200-201", List.of(200, 201));
        TOLERANCES.put("list-0-1", List.of(0, 1));
        TOLERANCES.put("list-3", List.of(3));
        TOLERANCES.put("list-str", List.of("hello world 42", "UP"));
        TOLERANCES.put("list-bool", List.of(true));
        TOLERANCES.put("range-0-10", m("type", "range", "range", List.of(0, 10)));
        TOLERANCES.put("range-status", m("type", "range", "range", List.of(199, 201), "target", "status"));
        TOLERANCES.put("range-float", m("type", "range", "range", List.of(2.5, 404.5), "target", "status"));
        TOLERANCES.put("range-body", m("type", "range", "range", List.of(0, 100), "target", "body"));
        TOLERANCES.put("regex-stdout", m("type", "regex", "pattern", "^hello", "target", "stdout"));
        TOLERANCES.put("regex-body", m("type", "regex", "pattern", "hello|UP", "target", "body"));
        TOLERANCES.put("regex-bare", m("type", "regex", "pattern", "4"));
        TOLERANCES.put("regex-nomatch", m("type", "regex", "pattern", "^zzz$", "target", "stdout"));
        TOLERANCES.put("jsonpath-status", m("type", "jsonpath", "path", "$.status", "expect", "UP", "target", "body"));
        TOLERANCES.put("jsonpath-untargeted", m("type", "jsonpath", "path", "$.status", "expect", "UP"));
        TOLERANCES.put("jsonpath-wrong", m("type", "jsonpath", "path", "$.status", "expect", "DOWN", "target", "body"));
        // jsonpath2's dialect (Chaos Toolkit's): a filter compares with a single '='
        TOLERANCES.put("jsonpath-filter-count", m("type", "jsonpath", "path", "$.items[?(@.ok = true)].name",
                "count", 2, "target", "body"));
        TOLERANCES.put("jsonpath-filter-star", m("type", "jsonpath", "path", "$.items[*][?(@.ok = true)].name",
                "count", 2, "target", "body"));
        TOLERANCES.put("jsonpath-filter-jayway", m("type", "jsonpath", "path", "$.items[?(@.ok == true)].name",
                "count", 2, "target", "body"));
        TOLERANCES.put("jsonpath-int", m("type", "jsonpath", "path", "$.count", "expect", 3, "target", "body"));
        TOLERANCES.put("jsonpath-list", m("type", "jsonpath", "path", "$.count", "expect", List.of(3), "target", "body"));
        TOLERANCES.put("jsonpath-all", m("type", "jsonpath", "path", "$.items[*].n", "expect", List.of(1, 2, 3),
                "target", "body"));
        TOLERANCES.put("jsonpath-nested", m("type", "jsonpath", "path", "$.nested.db.status", "expect", "UP",
                "target", "body"));
        TOLERANCES.put("jsonpath-exists", m("type", "jsonpath", "path", "$.version", "target", "body"));
        TOLERANCES.put("jsonpath-missing", m("type", "jsonpath", "path", "$.missing", "target", "body"));
        TOLERANCES.put("jsonpath-gt", m("type", "jsonpath", "path", "$.items[?(@.n > 1)]", "count", 2, "target", "body"));
        TOLERANCES.put("jsonpath-index", m("type", "jsonpath", "path", "$[0]", "expect", 1, "target", "body"));
        TOLERANCES.put("jsonpath-stdout", m("type", "jsonpath", "path", "$.stdout", "expect", "hello world 42"));
        TOLERANCES.put("jsonpath-status-code", m("type", "jsonpath", "path", "$.status", "expect", 404));
        TOLERANCES.put("probe-ok", m("type", "probe", "name", "judge", "provider", sh("exit 0")));
        TOLERANCES.put("probe-fails", m("type", "probe", "name", "judge", "provider", http("/status/500")));
        TOLERANCES.put("probe-http-ok", m("type", "probe", "name", "judge", "provider",
                with(http("/query"), "arguments", m("from", "tolerance"))));
        TOLERANCES.put("probe-http-fails", m("type", "probe", "name", "judge", "provider",
                m("type", "http", "url", "http://127.0.0.1:1/", "timeout", 1, "arguments", m("from", "tolerance"))));
    }

    private static List<Case> tolerances() {
        List<Case> cases = new ArrayList<>();
        OUTPUTS.forEach((output, provider) -> TOLERANCES.forEach((tolerance, value) -> cases.add(run(
                "gen/tolerance/" + output + "/" + tolerance,
                experiment(List.of(probe("p", provider, value)), List.of(probe("m", sh("true"), null)), null)))));
        return cases;
    }

    // ---- strategies ------------------------------------------------------------------------------------

    /** A run that goes one way: all well, the hypothesis broken before, the method failing, a deviation. */
    private static Map<String, Object> scenario(String name) {
        Map<String, Object> marker = probe("no-marker", sh("test ! -e marker"), 0);
        Map<String, Object> up = probe("up", http("/json"),
                m("type", "jsonpath", "path", "$.status", "expect", "UP", "target", "body"));
        List<Object> rollbacks = List.of(action("remove-marker", sh("rm -f marker; echo removed")));
        return switch (name) {
            case "ok" -> experiment(List.of(up, marker), List.of(action("work", sh("echo working"))), rollbacks);
            case "broken-before" -> experiment(List.of(probe("down", http("/status/503"), 200)),
                    List.of(action("touch", sh("touch marker"))), rollbacks);
            case "method-fails" -> experiment(List.of(up), List.of(action("unreachable",
                    m("type", "http", "url", "http://127.0.0.1:1/", "timeout", 1)), action("after", sh("echo after"))),
                    rollbacks);
            case "deviates" -> experiment(List.of(up, marker), List.of(action("touch", sh("touch marker")),
                    probe("look", sh("ls marker"), null)), rollbacks);
            // The marker appears half a second into the method: checks during it see it met, then deviate.
            case "slow-deviates" -> experiment(List.of(marker), List.of(action("touch-later", sh("sleep 0.5; touch marker")),
                    action("wait", sh("sleep 0.6"))), rollbacks);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static List<Case> strategies() {
        List<Case> cases = new ArrayList<>();
        List<String> scenarios = List.of("ok", "broken-before", "method-fails", "deviates");
        for (String s : scenarios) {
            cases.add(run("gen/strategy/default/" + s, scenario(s)));
            for (String strategy : List.of("default", "always", "never", "deviated")) {
                cases.add(run("gen/strategy/rollback-" + strategy + "/" + s, scenario(s))
                        .withArgs(List.of("--rollback-strategy", strategy)));
            }
            Map<String, Object> e = scenario(s);
            e.put("runtime", m("rollbacks", m("strategy", "always")));
            cases.add(run("gen/strategy/runtime-rollback-always/" + s, e));
        }
        for (String s : List.of("ok", "deviates", "broken-before", "slow-deviates")) {
            for (String strategy : List.of("default", "before-method-only", "after-method-only",
                    "during-method-only", "continuously")) {
                boolean during = strategy.equals("during-method-only") || strategy.equals("continuously");
                // a marker touched as the method starts races the first check during it: no case to compare
                if (during && s.equals("deviates")) continue;
                List<String> args = new ArrayList<>(List.of("--hypothesis-strategy", strategy));
                if (strategy.equals("during-method-only") || strategy.equals("continuously")) {
                    args.addAll(List.of("--hypothesis-frequency", "0.2"));
                }
                cases.add(run("gen/strategy/hypothesis-" + strategy + "/" + s, scenario(s)).withArgs(args));
                if (strategy.equals("continuously") || strategy.equals("during-method-only")) {
                    List<String> fast = new ArrayList<>(args);
                    fast.add("--fail-fast");
                    cases.add(run("gen/strategy/hypothesis-" + strategy + "-fail-fast/" + s, scenario(s)).withArgs(fast));
                }
            }
            Map<String, Object> e = scenario(s);
            e.put("runtime", m("hypothesis", m("strategy", "after-method-only")));
            cases.add(run("gen/strategy/runtime-hypothesis-after/" + s, e));
        }
        for (String s : List.of("ok", "deviates", "method-fails")) {
            for (String dry : List.of("probes", "actions", "activities", "pause")) {
                Map<String, Object> e = scenario(s);
                ((List<Map<String, Object>>) castList(e.get("method"))).getFirst().put("pauses", m("after", 0.05));
                cases.add(run("gen/dry/" + dry + "/" + s, e).withArgs(List.of("--dry", dry)));
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }

    // ---- providers -------------------------------------------------------------------------------------

    private static Case method(String id, Map<String, Object>... activities) {
        return run(id, experiment(null, List.of(activities), null));
    }

    private static List<Case> processes() {
        List<Case> cases = new ArrayList<>();
        cases.add(method("gen/process/echo-string", action("a", process("/bin/echo", "one two 'three four'"))));
        cases.add(method("gen/process/echo-list", action("a", process("/bin/echo", List.of("one", "two three")))));
        cases.add(method("gen/process/no-arguments", action("a", process("/bin/echo", null))));
        cases.add(method("gen/process/path-lookup", action("a", process("echo", List.of("found")))));
        cases.add(method("gen/process/stderr", action("a", sh("echo out; echo err >&2"))));
        cases.add(method("gen/process/unicode", action("a", sh("printf 'h\\303\\251llo \\342\\234\\223'"))));
        for (int code : List.of(0, 1, 2, 127)) {
            cases.add(method("gen/process/exit-" + code, action("a", sh("exit " + code))));
            cases.add(run("gen/process/exit-" + code + "-as-tolerance",
                    experiment(List.of(probe("p", sh("exit " + code), 0)), List.of(action("a", sh("true"))), null)));
        }
        Map<String, Object> slow = sh("sleep 3; echo late");
        slow.put("timeout", 0.5);
        cases.add(method("gen/process/timeout", action("slow", slow), action("next", sh("echo next"))));
        Map<String, Object> quick = sh("echo quick");
        quick.put("timeout", 5);
        cases.add(method("gen/process/timeout-not-reached", action("quick", quick)));
        cases.add(method("gen/process/int-argument", action("a", process("/bin/echo", List.of(1, 2.5, true)))));
        cases.add(method("gen/process/dict-arguments", action("a", process("/bin/echo", m("--flag", "value")))));
        cases.add(method("gen/process/big-output", action("a", sh("seq 1 20000"))));
        cases.add(method("gen/process/binary-output", action("a", sh("printf '\\377\\376abc'"))));
        cases.add(method("gen/process/missing-path", action("a", process("/no/such/binary", null))));
        cases.add(method("gen/process/shell-quotes", action("a", process("/bin/sh", "-c 'echo \"a  b\"'"))));
        return cases;
    }

    private static Map<String, Object> with(Map<String, Object> provider, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>(provider);
        p.putAll(m(kv));
        return p;
    }

    private static List<Case> http() {
        List<Case> cases = new ArrayList<>();
        for (String path : List.of("json", "list", "number", "text", "html", "malformed", "empty", "status/500",
                "status/404", "status/201", "status/204", "redirect", "redirect/text", "set-header")) {
            cases.add(method("gen/http/get/" + path.replace('/', '-'), probe("get", http("/" + path), null)));
        }
        for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")) {
            cases.add(method("gen/http/method/" + verb, probe("m", with(http("/method"), "method", verb), null)));
        }
        cases.add(method("gen/http/get-arguments", probe("q", with(http("/query"), "arguments", m("a", "1", "b", "x y")), null)));
        cases.add(method("gen/http/post-form", probe("b", with(http("/body"), "method", "POST",
                "arguments", m("a", "1", "b", "two")), null)));
        cases.add(method("gen/http/post-json", probe("b", with(http("/body"), "method", "POST",
                "headers", m("Content-Type", "application/json"), "arguments", m("a", 1, "b", List.of(true))), null)));
        cases.add(method("gen/http/post-json-content-type", probe("b", with(http("/content-type"), "method", "POST",
                "headers", m("Content-Type", "application/json"), "arguments", m("a", 1)), null)));
        cases.add(method("gen/http/post-form-content-type", probe("b", with(http("/content-type"), "method", "POST",
                "arguments", m("a", 1)), null)));
        cases.add(method("gen/http/request-header", probe("h", with(http("/header/X-Token"),
                "headers", m("X-Token", "abc123")), null)));
        cases.add(method("gen/http/timeout", probe("slow", with(http("/slow/2000"), "timeout", 0.5), null),
                probe("next", http("/json"), null)));
        cases.add(method("gen/http/timeout-pair", probe("slow", with(http("/slow/2000"), "timeout", List.of(1, 0.5)), null)));
        cases.add(method("gen/http/slow-ok", probe("slow", with(http("/slow/300"), "timeout", 3), null)));
        cases.add(method("gen/http/refused", probe("r", m("type", "http", "url", "http://127.0.0.1:1/x", "timeout", 1), null)));
        cases.add(method("gen/http/verify-tls-false", probe("v", with(http("/json"), "verify_tls", false), null)));
        cases.add(method("gen/http/expected-status", probe("e", with(http("/status/500"), "expected_status", 500), null)));
        cases.add(run("gen/http/status-204-tolerance", experiment(List.of(probe("p", http("/status/204"),
                List.of(200, 204))), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/http/status-500-tolerance-200", experiment(List.of(probe("p", http("/status/500"), 200)),
                List.of(action("a", sh("true"))), null)));
        cases.add(method("gen/http/no-scheme", probe("n", m("type", "http", "url", "127.0.0.1:1/x", "timeout", 1), null)));
        return cases;
    }

    // ---- substitution, configuration, secrets ----------------------------------------------------------

    private static Case echoing(String id, Map<String, Object> configuration, Map<String, Object> secrets, Object arguments) {
        Map<String, Object> e = experiment(null, List.of(action("echo", process("/bin/echo", arguments))), null);
        if (configuration != null) e.put("configuration", configuration);
        if (secrets != null) e.put("secrets", secrets);
        return run(id, e);
    }

    private static List<Case> substitution() {
        List<Case> cases = new ArrayList<>();
        Map<String, Object> config = m("name", "web", "n", 3, "ratio", 0.5, "flag", true, "items", List.of("a", "b"),
                "obj", m("k", "v"), "empty", "");
        cases.add(echoing("gen/substitution/whole-string", config, null, List.of("${name}")));
        cases.add(echoing("gen/substitution/whole-int", config, null, List.of("${n}")));
        cases.add(echoing("gen/substitution/whole-float", config, null, List.of("${ratio}")));
        cases.add(echoing("gen/substitution/whole-bool", config, null, List.of("${flag}")));
        cases.add(echoing("gen/substitution/inside-text", config, null, List.of("app=${name}/n=${n}")));
        cases.add(echoing("gen/substitution/inside-text-bool", config, null, List.of("flag=${flag}")));
        cases.add(echoing("gen/substitution/inside-text-list", config, null, List.of("items=${items}")));
        cases.add(echoing("gen/substitution/inside-text-dict", config, null, List.of("obj=${obj}")));
        cases.add(echoing("gen/substitution/empty", config, null, List.of("[${empty}]")));
        cases.add(echoing("gen/substitution/unknown", config, null, List.of("${nope}")));
        cases.add(echoing("gen/substitution/escaped", config, null, List.of("$${name}")));
        cases.add(echoing("gen/substitution/dollar-alone", config, null, List.of("cost $5 and ${name}")));
        cases.add(echoing("gen/substitution/string-arguments", config, null, "${name} ${n}"));
        cases.add(echoing("gen/substitution/twice", config, null, List.of("${name}${name}")));
        cases.add(echoing("gen/substitution/unclosed", config, null, List.of("${name")));
        cases.add(run("gen/substitution/tolerance", experimentWith(m("expected", 0),
                List.of(probe("p", sh("exit 0"), "${expected}")))));
        cases.add(run("gen/substitution/url", experimentWith(m("base", "@HTTP@"),
                List.of(probe("p", m("type", "http", "url", "${base}/json", "timeout", 5), 200)))));
        cases.add(run("gen/substitution/http-header", experimentWith(m("tok", "xyz"), List.of(probe("p",
                with(http("/header/X-Token"), "headers", m("X-Token", "${tok}")), 200)))));
        cases.add(echoing("gen/substitution/var-override", config, null, List.of("${name}"))
                .withArgs(List.of("--var", "name=api")));
        cases.add(echoing("gen/substitution/var-typed", config, null, List.of("${n}"))
                .withArgs(List.of("--var", "n:int=7")));
        cases.add(echoing("gen/substitution/var-float", config, null, List.of("${n}"))
                .withArgs(List.of("--var", "n:float=7")));
        cases.add(echoing("gen/substitution/var-bool", config, null, List.of("${n}"))
                .withArgs(List.of("--var", "n:bool=true")));
        cases.add(echoing("gen/substitution/var-file-json", config, null, List.of("${name}-${n}"))
                .withArgs(List.of("--var-file", "vars.json")).withFiles(Map.of("vars.json",
                        "{\"configuration\": {\"name\": \"from-json\", \"n\": 9}}")));
        cases.add(echoing("gen/substitution/var-file-yaml", config, null, List.of("${name}"))
                .withArgs(List.of("--var-file", "vars.yaml")).withFiles(Map.of("vars.yaml",
                        "configuration:\n  name: from-yaml\n")));
        cases.add(echoing("gen/substitution/var-file-env", config, null, List.of("${name}"))
                .withArgs(List.of("--var-file", "vars.env")).withFiles(Map.of("vars.env", "name=from-env\n")));
        return cases;
    }

    private static Map<String, Object> experimentWith(Map<String, Object> configuration, List<Object> hypothesis) {
        Map<String, Object> e = experiment(hypothesis, List.of(action("a", sh("true"))), null);
        e.put("configuration", configuration);
        return e;
    }

    private static List<Case> configuration() {
        List<Case> cases = new ArrayList<>();
        Map<String, String> env = Map.of("COMPAT_STR", "hello", "COMPAT_INT", "42", "COMPAT_FLOAT", "1.5",
                "COMPAT_BOOL", "true", "COMPAT_JSON", "{\"a\": [1, 2]}", "COMPAT_SECRET", "s3cr3t-value");
        cases.add(echoing("gen/config/env", m("v", m("type", "env", "key", "COMPAT_STR")), null, List.of("${v}")).withEnv(env));
        cases.add(echoing("gen/config/env-default-unused", m("v", m("type", "env", "key", "COMPAT_STR", "default", "d")),
                null, List.of("${v}")).withEnv(env));
        cases.add(echoing("gen/config/env-default-used", m("v", m("type", "env", "key", "COMPAT_UNSET", "default", "d")),
                null, List.of("${v}")).withEnv(env));
        cases.add(echoing("gen/config/env-missing", m("v", m("type", "env", "key", "COMPAT_UNSET")),
                null, List.of("${v}")).withEnv(env));
        for (String type : List.of("int", "float", "bool", "json", "str", "bytes")) {
            String key = switch (type) {
                case "int" -> "COMPAT_INT";
                case "float" -> "COMPAT_FLOAT";
                case "bool" -> "COMPAT_BOOL";
                case "json" -> "COMPAT_JSON";
                default -> "COMPAT_STR";
            };
            cases.add(echoing("gen/config/env-type-" + type, m("v", m("type", "env", "key", key, "env_var_type", type)),
                    null, List.of("${v}")).withEnv(env));
            cases.add(run("gen/config/env-type-" + type + "-as-tolerance", experimentWithEnvTolerance(key, type))
                    .withEnv(env));
        }
        cases.add(echoing("gen/config/env-int-bad", m("v", m("type", "env", "key", "COMPAT_STR", "env_var_type", "int")),
                null, List.of("${v}")).withEnv(env));
        cases.add(echoing("gen/config/inline-types", m("a", 1, "b", "two", "c", List.of(3), "d", m("e", 4)), null,
                List.of("${a}", "${b}", "${c}", "${d}")));
        cases.add(echoing("gen/config/unused-env-missing", m("v", m("type", "env", "key", "COMPAT_UNSET"), "w", "x"),
                null, List.of("${w}")));
        cases.add(echoing("gen/config/var-undeclared", m("w", "x"), null, List.of("${extra}"))
                .withArgs(List.of("--var", "extra=added")));
        // secrets
        cases.add(echoing("gen/secrets/inline", null, m("s", m("token", "inline-secret-1")), List.of("ok")));
        cases.add(echoing("gen/secrets/env", null, m("s", m("token", m("type", "env", "key", "COMPAT_SECRET"))),
                List.of("ok")).withEnv(env));
        cases.add(echoing("gen/secrets/env-missing", null, m("s", m("token", m("type", "env", "key", "COMPAT_UNSET"))),
                List.of("ok")).withEnv(env));
        cases.add(echoing("gen/secrets/substituted", null, m("s", m("token", "inline-secret-2")), List.of("${token}")));
        Map<String, Object> scoped = experiment(null, List.of(action("h", with(http("/header/X-Token"),
                "headers", m("X-Token", "${token}"))), action("e", process("/bin/echo", List.of("len-${token}")))), null);
        scoped.put("secrets", m("api", m("token", "scoped-secret-3")));
        ((Map<String, Object>) castList(scoped.get("method")).getFirst()).put("secrets", List.of("api"));
        cases.add(run("gen/secrets/scoped", scoped));
        cases.add(echoing("gen/secrets/vault", null, m("s", m("token", m("type", "vault", "path", "secret/x"))),
                List.of("ok")));
        cases.add(echoing("gen/secrets/not-a-map", null, m("s", "flat"), List.of("ok")));
        return cases;
    }

    private static Map<String, Object> experimentWithEnvTolerance(String key, String type) {
        Map<String, Object> e = experiment(List.of(probe("p", sh("exit 0"), "${v}")), List.of(action("a", sh("true"))), null);
        e.put("configuration", m("v", m("type", "env", "key", key, "env_var_type", type)));
        return e;
    }

    private static List<Case> pauses() {
        List<Case> cases = new ArrayList<>();
        for (Object p : List.of(0, 0.05, 0.1)) {
            Map<String, Object> a = action("a", sh("echo a"));
            a.put("pauses", m("before", p, "after", p));
            Map<String, Object> r = action("r", sh("echo r"));
            r.put("pauses", m("after", p));
            cases.add(run("gen/pauses/" + p, experiment(null, List.of(a), List.of(r)))
                    .withArgs(List.of("--rollback-strategy", "always")));
        }
        Map<String, Object> bad = action("a", sh("echo a"));
        bad.put("pauses", m("before", "soon"));
        cases.add(run("gen/pauses/not-a-number", experiment(null, List.of(bad), null)));
        Map<String, Object> neg = action("a", sh("echo a"));
        neg.put("pauses", m("after", -1));
        cases.add(run("gen/pauses/negative", experiment(null, List.of(neg), null)));
        Map<String, Object> str = action("a", sh("echo a"));
        str.put("pauses", m("after", "0.05"));
        cases.add(run("gen/pauses/numeric-string", experiment(null, List.of(str), null)));
        return cases;
    }

    // ---- Kubernetes ------------------------------------------------------------------------------------

    private static List<Case> kubernetes() {
        List<Case> cases = new ArrayList<>();
        String pods = "chaosk8s.pod.probes";
        Map<String, Object> web = m("label_selector", "app=web", "ns", "shop");
        cases.add(run("gen/k8s/count-pods", experiment(List.of(probe("p", k8s(pods, "count_pods", web), 3)),
                List.of(probe("m", k8s(pods, "count_pods", m("label_selector", "app=web", "ns", "shop", "phase", "Running")), null)), null)));
        cases.add(run("gen/k8s/count-pods-none", experiment(null, List.of(probe("m", k8s(pods, "count_pods",
                m("label_selector", "app=none", "ns", "shop")), null)), null)));
        cases.add(run("gen/k8s/pods-in-phase", experiment(List.of(probe("p", k8s(pods, "pods_in_phase",
                m("label_selector", "app=web", "phase", "Running", "ns", "shop")), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/pods-in-phase-pending", experiment(List.of(probe("p", k8s(pods, "pods_in_phase",
                m("label_selector", "app=web", "phase", "Pending", "ns", "shop")), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/pods-not-in-phase", experiment(List.of(probe("p", k8s(pods, "pods_not_in_phase",
                m("label_selector", "app=web", "phase", "Pending", "ns", "shop")), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/count-min-pods", experiment(List.of(probe("p", k8s(pods, "count_min_pods",
                m("label_selector", "app=web", "min_count", 2, "ns", "shop")), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/all-pods-healthy", experiment(List.of(probe("p", k8s(pods, "all_pods_healthy",
                m("ns", "shop")), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/nodes-ready-to-schedule", experiment(List.of(probe("p", k8s("chaosk8s.node.probes",
                "all_nodes_must_be_ready_to_schedule", null), true)), List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/deployment-available", experiment(List.of(probe("p", k8s("chaosk8s.deployment.probes",
                "deployment_available_and_healthy", m("name", "web", "ns", "shop")), true)),
                List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/deployment-missing", experiment(List.of(probe("p", k8s("chaosk8s.deployment.probes",
                "deployment_available_and_healthy", m("name", "nope", "ns", "shop")), true)),
                List.of(action("a", sh("true"))), null)));
        cases.add(run("gen/k8s/terminate-one", experiment(List.of(probe("p", k8s(pods, "count_pods", web), 3)),
                List.of(action("kill", k8s("chaosk8s.pod.actions", "terminate_pods",
                        m("label_selector", "app=web", "ns", "shop", "qty", 1, "rand", true))),
                        probe("left", k8s(pods, "count_pods", web), null)), null)));
        cases.add(run("gen/k8s/terminate-all", experiment(null,
                List.of(action("kill", k8s("chaosk8s.pod.actions", "terminate_pods",
                        m("label_selector", "app=web", "ns", "shop", "all", true))),
                        probe("left", k8s(pods, "count_pods", web), null)), null)));
        cases.add(run("gen/k8s/terminate-none", experiment(null,
                List.of(action("kill", k8s("chaosk8s.pod.actions", "terminate_pods",
                        m("label_selector", "app=none", "ns", "shop"))), probe("left", k8s(pods, "count_pods", web), null)), null)));
        cases.add(run("gen/k8s/terminate-dry", experiment(List.of(probe("p", k8s(pods, "count_pods", web), 3)),
                List.of(action("kill", k8s("chaosk8s.pod.actions", "terminate_pods",
                        m("label_selector", "app=web", "ns", "shop", "all", true)))), null))
                .withArgs(List.of("--dry", "actions")));
        cases.add(run("gen/k8s/scale", experiment(null, List.of(action("scale", k8s("chaosk8s.deployment.actions",
                "scale_deployment", m("name", "web", "replicas", 1, "ns", "shop")))), null)));
        cases.add(run("gen/k8s/unknown-function", experiment(null, List.of(action("x", k8s("chaosk8s.pod.actions",
                "no_such_function", null))), null)));
        cases.add(run("gen/k8s/bad-argument", experiment(null, List.of(action("x", k8s(pods, "count_pods",
                m("label_selector", "app=web", "bogus", 1)))), null)));
        cases.add(run("gen/k8s/missing-argument", experiment(null, List.of(action("x", k8s(pods, "count_min_pods",
                m("label_selector", "app=web")))), null)));
        return cases;
    }

    // ---- validation ------------------------------------------------------------------------------------

    /** Broken experiments, each through {@code validate} and {@code run}: both must reject, with the same code. */
    private static List<Case> validation() {
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, Object> ok = experiment(List.of(probe("p", sh("exit 0"), 0)), List.of(action("a", sh("true"))), null);
        broken.put("valid", Json.write(ok));
        broken.put("no-title", Json.write(without(ok, "title")));
        broken.put("no-description", Json.write(without(ok, "description")));
        broken.put("no-method", Json.write(without(ok, "method")));
        broken.put("method-null", Json.write(replaced(ok, "method", null)));
        broken.put("method-not-a-list", Json.write(replaced(ok, "method", m("a", 1))));
        broken.put("method-empty", Json.write(replaced(ok, "method", List.of())));
        broken.put("title-not-a-string", Json.write(replaced(ok, "title", 42)));
        broken.put("hypothesis-no-title", Json.write(replaced(ok, "steady-state-hypothesis", m("probes", List.of()))));
        broken.put("hypothesis-no-probes", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h"))));
        broken.put("hypothesis-action", Json.write(replaced(ok, "steady-state-hypothesis",
                m("title", "h", "probes", List.of(action("a", sh("true")))))));
        broken.put("activity-no-name", Json.write(replaced(ok, "method", List.of(m("type", "action", "provider", sh("true"))))));
        broken.put("activity-no-type", Json.write(replaced(ok, "method", List.of(m("name", "a", "provider", sh("true"))))));
        broken.put("activity-bad-type", Json.write(replaced(ok, "method", List.of(m("type", "step", "name", "a",
                "provider", sh("true"))))));
        broken.put("activity-no-provider", Json.write(replaced(ok, "method", List.of(m("type", "action", "name", "a")))));
        broken.put("provider-no-type", Json.write(replaced(ok, "method", List.of(action("a", m("path", "/bin/true"))))));
        broken.put("provider-bad-type", Json.write(replaced(ok, "method", List.of(action("a", m("type", "ftp"))))));
        broken.put("http-no-url", Json.write(replaced(ok, "method", List.of(action("a", m("type", "http"))))));
        broken.put("process-no-path", Json.write(replaced(ok, "method", List.of(action("a", m("type", "process"))))));
        broken.put("process-missing-binary", Json.write(replaced(ok, "method", List.of(action("a",
                process("no-such-binary-anywhere", null))))));
        broken.put("python-no-module", Json.write(replaced(ok, "method", List.of(action("a", m("type", "python", "func", "f"))))));
        broken.put("python-no-func", Json.write(replaced(ok, "method", List.of(action("a",
                m("type", "python", "module", "chaosk8s.pod.probes"))))));
        broken.put("python-unknown-module", Json.write(replaced(ok, "method", List.of(action("a",
                m("type", "python", "module", "no_such_module_xyz", "func", "f"))))));
        broken.put("ref-unknown", Json.write(replaced(ok, "method", List.of(m("ref", "nothing")))));
        broken.put("ref-known", Json.write(replaced(ok, "method", List.of(action("a", sh("echo a")), m("ref", "a")))));
        broken.put("tolerance-unknown-type", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), m("type", "nope")))))));
        broken.put("tolerance-regex-no-pattern", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), m("type", "regex")))))));
        broken.put("tolerance-jsonpath-no-path", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), m("type", "jsonpath")))))));
        broken.put("tolerance-range-bad", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), m("type", "range", "range", List.of("a", "b"))))))));
        broken.put("tolerance-missing", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), null))))));
        broken.put("tolerance-float", Json.write(replaced(ok, "steady-state-hypothesis", m("title", "h",
                "probes", List.of(probe("p", sh("true"), 1.5))))));
        broken.put("rollback-probe", Json.write(replaced(ok, "rollbacks", List.of(probe("r", sh("true"), null)))));
        broken.put("config-env-no-key", Json.write(replaced(ok, "configuration", m("v", m("type", "env")))));
        broken.put("runtime-bad-strategy", Json.write(replaced(ok, "runtime", m("rollbacks", m("strategy", "sometimes")))));
        broken.put("controls", Json.write(replaced(ok, "controls", List.of(m("name", "c", "provider",
                m("type", "python", "module", "chaosaddons.controls.safeguards"))))));
        broken.put("extensions", Json.write(replaced(ok, "extensions", List.of(m("name", "x")))));
        broken.put("not-an-object", "[1, 2, 3]");
        broken.put("json-syntax", "{\"title\": ");
        broken.put("empty-file", "");
        List<Case> cases = new ArrayList<>();
        broken.forEach((name, text) -> {
            Case c = Case.run("gen/validation/" + name + "/run", text);
            cases.add(c);
            cases.add(c.validating().as("gen/validation/" + name + "/validate"));
        });
        return cases;
    }

    private static Map<String, Object> without(Map<String, Object> e, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(e);
        copy.remove(key);
        return copy;
    }

    private static Map<String, Object> replaced(Map<String, Object> e, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(e);
        copy.put(key, value);
        return copy;
    }
}
