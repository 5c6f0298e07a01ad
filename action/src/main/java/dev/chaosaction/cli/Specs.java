package dev.chaosaction.cli;

import java.util.List;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands are described with picocli's programmatic model rather than its annotations: reading
 * annotations means reflection and a generated proxy class per annotation type, which cost a third of a
 * cold {@code chaos run}. Each command reads its values back from its spec once parsed.
 */
final class Specs {
    private Specs() {}

    /** A command calling {@code command} when it is the one given, with {@code -h} and {@code -V}. */
    static CommandSpec command(String name, Object command, IVersionProvider version, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        if (version != null) spec.versionProvider(version);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).build();
    }

    /** An option taking one value; {@code defaultValue} may be null. */
    static OptionSpec option(String name, Class<?> type, String label, String defaultValue, String description) {
        return OptionSpec.builder(name).type(type).paramLabel(label).defaultValue(defaultValue)
                .description(description).build();
    }

    /** An option that may be repeated, each value of type {@code element}. */
    static OptionSpec repeated(String name, Class<?> element, String label, String description) {
        return OptionSpec.builder(name).type(List.class).auxiliaryTypes(element).paramLabel(label)
                .description(description).build();
    }

    /** A positional parameter, required unless {@code arity} starts at 0 (such as {@code "0..1"}). */
    static PositionalParamSpec positional(Class<?> type, String label, String arity, String description) {
        return PositionalParamSpec.builder().type(type).paramLabel(label).arity(arity)
                .required(!arity.startsWith("0")).description(description).build();
    }

    /** The positional parameter at {@code index} when a command has several. */
    static PositionalParamSpec positional(Class<?> type, String label, String arity, String description, int index) {
        return PositionalParamSpec.builder().type(type).paramLabel(label).arity(arity).index(String.valueOf(index))
                .required(!arity.startsWith("0")).description(description).build();
    }

    /** The parsed (or default) value of an option, null when it has none. */
    static <T> T value(CommandSpec spec, String name) {
        return spec.findOption(name).getValue();
    }

    static boolean isSet(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }

    /** The values of a repeated option, empty when it was not given. */
    static <T> List<T> values(CommandSpec spec, String name) {
        List<T> values = spec.findOption(name).getValue();
        return values == null ? List.of() : values;
    }

    static <T> T positional(CommandSpec spec) {
        return spec.positionalParameters().getFirst().getValue();
    }
}
