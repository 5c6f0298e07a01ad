package dev.chaosaction.function;

import dev.chaosaction.function.CfnYaml.Fn;
import dev.chaosaction.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A template as CloudFormation deploys it: the AWS SAM translator's output ({@code src/test/python/sam_transform.py}
 * run by the Python of cfn-lint's venv, which holds the translator), with its long-form functions
 * ({@code {"Fn::GetAtt": ["A", "Arn"]}}) read as the {@link Fn} values {@link CfnYaml} makes of short forms.
 */
final class SamTransform {
    private static final Path SCRIPT = Path.of("src", "test", "python", "sam_transform.py");

    private SamTransform() {}

    /** Whether the tools are installed (a test that needs them calls {@link #deployed}, which skips or fails). */
    static boolean available() {
        String bin = System.getenv(Peers.TOOLS_BIN);
        return bin != null && java.nio.file.Files.isExecutable(Path.of(bin, "cfn-lint"));
    }

    static Map<String, Object> deployed(Path template) throws IOException, InterruptedException {
        return asFunctions(JsonMapper.builder().build().readValue(json(template), Map.class));
    }

    /** The translator's output as it prints it: CloudFormation JSON. */
    static String json(Path template) throws IOException, InterruptedException {
        // The tool link points into the venv; its Python is found there (a linked venv Python would not see the venv).
        Path python = Peers.tool("cfn-lint").toRealPath().resolveSibling("python");
        ProcessBuilder builder = new ProcessBuilder(python.toString(), SCRIPT.toString(), template.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("AWS_DEFAULT_REGION", "eu-west-1");
        Process process = builder.start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) throw new AssertionError("the SAM translator rejected " + template);
        return json;
    }

    @SuppressWarnings("unchecked")
    private static <T> T asFunctions(Object value) {
        return (T) switch (value) {
            case Map<?, ?> map when map.size() == 1 && map.containsKey("Ref") -> new Fn("Ref", map.get("Ref"));
            case Map<?, ?> map when map.size() == 1 && map.containsKey("Fn::GetAtt") ->
                    new Fn("GetAtt", String.join(".", (List<String>) map.get("Fn::GetAtt")));
            case Map<?, ?> map when map.size() == 1 && ((String) map.keySet().iterator().next()).startsWith("Fn::") -> {
                var entry = map.entrySet().iterator().next();
                yield new Fn(((String) entry.getKey()).substring(4), asFunctions(entry.getValue()));
            }
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, asFunctions(v)));
                yield copy;
            }
            case List<?> list -> list.stream().map(SamTransform::asFunctions).toList();
            default -> value;
        };
    }
}
