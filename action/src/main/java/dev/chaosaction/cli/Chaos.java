package dev.chaosaction.cli;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.value.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code chaos} command: Chaos Toolkit's command line, in Java. Its global options are accepted so
 * that scripts written for {@code chaos} keep working; those about Python logging files have no effect.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, versionProvider = Chaos.Version.class,
        description = "Runs Chaos Toolkit experiments.",
        subcommands = {RunCommand.class, ValidateCommand.class, SandboxCommand.class, ReportCommand.class})
public final class Chaos {
    @Option(names = "--verbose", description = "Show more of what happens.")
    boolean verbose;

    @Option(names = "--no-version-check", description = "Accepted for compatibility; no version check is made.")
    boolean noVersionCheck;

    @Option(names = "--change-dir", description = "Change to this directory before running.")
    Path changeDir;

    @Option(names = "--no-log-file", description = "Accepted for compatibility; no log file is written.")
    boolean noLogFile;

    @Option(names = "--log-file", description = "Accepted for compatibility; logs go to standard error.")
    String logFile;

    @Option(names = "--log-file-level", description = "Accepted for compatibility.")
    String logFileLevel;

    @Option(names = "--log-format", description = "Accepted for compatibility.")
    String logFormat;

    @Option(names = "--settings", description = "Chaos Toolkit settings file (its runtime strategies are read).")
    Path settings;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (usage errors are 2, as Chaos Toolkit's). */
    public static int execute(String... args) {
        return new CommandLine(new Chaos())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    /**
     * The {@code runtime} block of Chaos Toolkit's settings file ({@code --settings}, else
     * {@code ~/.chaostoolkit/settings.yaml} when it exists): the strategies used when neither a flag nor the
     * experiment names one. A settings file that cannot be read is a usage error.
     */
    Map<String, Object> settingsRuntime() {
        Path file = settings != null ? resolve(settings)
                : Path.of(System.getProperty("user.home"), ".chaostoolkit", "settings.yaml");
        if (settings == null && !Files.isReadable(file)) return Map.of();
        try {
            return Activities.map(Activities.map(Yaml.parse(Files.readString(file))).get("runtime"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the settings file " + file + ": " + e.getMessage());
        }
    }

    /** Resolves a path against {@code --change-dir} when given. */
    Path resolve(Path path) {
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
