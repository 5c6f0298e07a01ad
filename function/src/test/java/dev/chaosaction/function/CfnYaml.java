package dev.chaosaction.function;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation template: its short-form functions ({@code !Ref}, {@code !Sub}, {@code !GetAtt},
 * {@code !If}, ...) become {@link Fn} values instead of failing as unknown YAML tags; and resolves the
 * functions a test needs, given values for the names they refer to.
 */
final class CfnYaml extends SafeConstructor {
    /** A short-form function: {@code !Sub "x"} is {@code Fn("Sub", "x")}. */
    record Fn(String name, Object argument) {}

    private CfnYaml() {
        super(new LoaderOptions());
        yamlMultiConstructors.put("!", new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                Object argument = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected node " + node);
                };
                return new Fn(node.getTag().getValue().substring(1), argument);
            }
        });
    }

    static Map<String, Object> load(Path template) throws IOException {
        return new Yaml(new CfnYaml()).load(Files.readString(template));
    }

    /**
     * The value of {@code value} with {@code Ref}, {@code GetAtt} and {@code Sub} replaced from {@code names}
     * ({@code JournalBucket}, {@code JournalBucket.Arn}, {@code AWS::Region}, ...); lists resolve item by item.
     */
    static Object resolve(Object value, Map<String, String> names) {
        return switch (value) {
            case Fn(String name, Object argument) when name.equals("Ref") || name.equals("GetAtt") ->
                    known(names, (String) argument);
            case Fn(String name, String template) when name.equals("Sub") -> substitute(template, names);
            case List<?> list -> list.stream().map(v -> resolve(v, names)).toList();
            default -> value;
        };
    }

    private static String substitute(String template, Map<String, String> names) {
        StringBuilder out = new StringBuilder();
        var matcher = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(known(names, matcher.group(1))));
        }
        return matcher.appendTail(out).toString();
    }

    private static String known(Map<String, String> names, String name) {
        String value = names.get(name);
        if (value == null) throw new AssertionError("the test gives no value for " + name);
        return value;
    }
}
