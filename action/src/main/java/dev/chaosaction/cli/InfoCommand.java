package dev.chaosaction.cli;

import dev.chaosaction.journal.Journal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos info core|extensions}: Chaos Toolkit's tables, for what this command is and serves. */
final class InfoCommand implements Callable<Integer> {
    private final CommandSpec spec;

    InfoCommand() {
        spec = Specs.command("info", this, null, "Display information about this Chaos Toolkit environment.");
        spec.addPositional(Specs.positional(String.class, "TARGET", "1", "core or extensions."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String target = Specs.positional(spec);
        switch (target) {
            case "core" -> {
                System.out.println(row("%-20s%-10s", "NAME", "VERSION"));
                System.out.println(row("%-20s%-10s", "CLI", new Chaos.Version().getVersion()[0]));
                System.out.println(row("%-20s%-10s", "Core library", Journal.CHAOSLIB_VERSION + " (compatible)"));
            }
            case "extensions" -> {
                String format = "%-40s%-10s%-30s%-50s";
                System.out.println(row(format, "NAME", "VERSION", "LICENSE", "DESCRIPTION"));
                for (ServedExtensions.Extension e : ServedExtensions.ALL) {
                    System.out.println(row(format, e.name(), e.version(), e.license(), e.description()));
                }
            }
            default -> {
                System.err.println("error: unknown target '" + target + "'; choose from: core, extensions");
                return 2;
            }
        }
        return 0;
    }

    private static String row(String format, Object... values) {
        return String.format(format, values).stripTrailing();
    }
}
