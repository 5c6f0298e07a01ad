package dev.chaosaction.cli;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.value.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code chaos} command: Chaos Toolkit's command line, in Java. Its global options are accepted so
 * that scripts written for {@code chaos} keep working; those about Python logging files have no effect.
 */
public final class Chaos {
    private final CommandSpec spec = Specs.command("chaos", this, new Version(), "Runs Chaos Toolkit experiments.");
    private final String[] arguments;

    private Chaos(String[] arguments) {
        this.arguments = arguments;
        spec.addOption(Specs.flag("Show more of what happens.", "--verbose"));
        spec.addOption(Specs.flag("Accepted for compatibility; no version check is made.", "--no-version-check"));
        spec.addOption(Specs.option("--change-dir", Path.class, "<changeDir>", null,
                "Change to this directory before running."));
        spec.addOption(Specs.flag("Accepted for compatibility; no log file is written.", "--no-log-file"));
        spec.addOption(Specs.option("--log-file", String.class, "<logFile>", null,
                "Accepted for compatibility; logs go to standard error."));
        spec.addOption(Specs.option("--log-file-level", String.class, "<logFileLevel>", null,
                "Accepted for compatibility."));
        spec.addOption(Specs.option("--log-format", String.class, "<logFormat>", null, "Accepted for compatibility."));
        spec.addOption(Specs.option("--settings", Path.class, "<settings>", null,
                "Chaos Toolkit settings file (its runtime strategies are read)."));
        spec.addSubcommand("run", new RunCommand(this).spec());
        spec.addSubcommand("validate", new ValidateCommand(this).spec());
        if (SandboxJars.onClassPath() || SandboxJars.beside().isPresent()) {
            spec.addSubcommand("sandbox", new SandboxCommand(this).spec());
        }
        spec.addSubcommand("report", new ReportCommand(this).spec());
        spec.addSubcommand("discover", new DiscoverCommand(this).spec());
        spec.addSubcommand("info", new InfoCommand().spec());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (usage errors are 2, as Chaos Toolkit's). */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Chaos(args).spec)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                });
        CommandLine.IParameterExceptionHandler usage = line.getParameterExceptionHandler();
        return line.setParameterExceptionHandler((e, rest) -> unknownCommand(e) ? 2 : usage.handleParseException(e, rest))
                .execute(args);
    }

    /** A first word that is no command names what is served, as Chaos Toolkit's "No such command" does not. */
    private static boolean unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || e.getCommandLine().getParent() != null
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().getFirst().startsWith("-")) {
            return false;
        }
        e.getCommandLine().getErr().println("error: no such command '" + unmatched.getUnmatched().getFirst()
                + "'; the commands served are " + String.join(", ", e.getCommandLine().getSubcommands().keySet())
                + " (Chaos Toolkit's init and settings are not)");
        return true;
    }

    /**
     * The {@code runtime} block of Chaos Toolkit's settings file: the strategies used when neither a flag nor the
     * experiment names one.
     */
    Map<String, Object> settingsRuntime() {
        return Activities.map(settings().get("runtime"));
    }

    /**
     * Chaos Toolkit's settings file ({@code --settings}, else {@code ~/.chaostoolkit/settings.yaml}). As in
     * Chaos Toolkit, a file that does not exist means no settings (even when named); one that exists but
     * cannot be read or parsed is a usage error.
     */
    Map<String, Object> settings() {
        Path settings = Specs.value(spec, "--settings");
        Path file = settings != null ? resolve(settings)
                : Path.of(System.getProperty("user.home"), ".chaostoolkit", "settings.yaml");
        if (!Files.exists(file)) return Map.of();
        try {
            return Activities.map(Yaml.parse(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the settings file " + file + ": " + e.getMessage());
        }
    }

    /** The command line as given, for {@code chaos sandbox} started in a process of its own. */
    String[] arguments() {
        return arguments.clone();
    }

    /** Resolves a path against {@code --change-dir} when given. */
    Path resolve(Path path) {
        Path changeDir = Specs.value(spec, "--change-dir");
        return changeDir == null ? path : changeDir.resolve(path);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Chaos.class.getPackage().getImplementationVersion();
            return new String[] {"chaos-action " + (v == null ? "dev" : v)
                    + " (Chaos Toolkit engine " + dev.chaosaction.journal.Journal.CHAOSLIB_VERSION + " compatible)"};
        }
    }
}
