package dev.chaosaction.cli;

import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.journal.Host;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos discover [--no-install] PACKAGE}: writes Chaos Toolkit's {@code discovery.json} for an extension
 * served natively, built from the catalog's signatures (names, defaults, types, return types). Nothing is
 * installed; {@code --no-install} is accepted for scripts. No system information is discovered ({@code system}
 * is null, as Chaos Toolkit writes it for chaostoolkit-kubernetes without a cluster).
 */
final class DiscoverCommand implements Callable<Integer> {
    private final Chaos chaos;
    private final CommandSpec spec;

    DiscoverCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("discover", this, null, "Discover the capabilities of an extension served natively.");
        spec.addPositional(Specs.positional(String.class, "PACKAGE", "1", "The extension, e.g. chaostoolkit-kubernetes."));
        spec.addOption(Specs.flag("Accepted for compatibility: no system information is discovered.", "--no-system-info"));
        spec.addOption(Specs.flag("Accepted for compatibility: nothing is ever installed.", "--no-install"));
        spec.addOption(Specs.option("--discovery-path", Path.class, "<discoveryPath>", "./discovery.json",
                "Path where to save the discovery outcome."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String name = Specs.positional(spec);
        var extension = ServedExtensions.find(name);
        if (extension.isEmpty()) {
            System.err.println("error: package '" + name + "' is not served; chaos-action serves natively "
                    + ServedExtensions.names() + " and installs nothing");
            return 1;
        }
        System.err.println("Discovering capabilities from " + name);
        Path path = chaos.resolve(Specs.value(spec, "--discovery-path"));
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.writeString(path, Json.write(discovery(extension.get())) + "\n");
        } catch (IOException e) {
            System.err.println("error: cannot write " + path + ": " + e.getMessage());
            return 1;
        }
        System.err.println("Discovery outcome saved in " + Specs.value(spec, "--discovery-path"));
        return 0;
    }

    /** Chaos Toolkit's document: its keys in its order. */
    static Map<String, Object> discovery(ServedExtensions.Extension extension) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("chaoslib_version", Journal.CHAOSLIB_VERSION);
        d.put("id", UUID.randomUUID().toString());
        d.put("target", extension.target());
        d.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        d.put("platform", platform());
        d.put("extension", Map.of("name", extension.name(), "version", extension.version()));
        d.put("activities", extension.signatures().stream().map(DiscoverCommand::activity).toList());
        d.put("system", null);
        return d;
    }

    private static Map<String, Object> activity(Signature signature) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", signature.module().endsWith(".probes") ? "probe" : "action");
        a.put("name", signature.func());
        a.put("mod", signature.module());
        a.put("doc", "Served natively by chaos-action, with the extension's arguments, defaults and return value.");
        List<Map<String, Object>> arguments = new ArrayList<>();
        for (Param p : signature.params()) {
            Map<String, Object> argument = new LinkedHashMap<>();
            argument.put("name", p.name());
            if (!p.required()) argument.put("default", p.defaultValue());
            argument.put("type", type(p.type()));
            arguments.add(argument);
        }
        // chaoslib passes the secrets to every chaosk8s function; they are not the experiment's arguments.
        Map<String, Object> secrets = new LinkedHashMap<>();
        secrets.put("name", "secrets");
        secrets.put("default", null);
        secrets.put("type", "mapping");
        arguments.add(secrets);
        a.put("arguments", arguments);
        if (signature.returns() != null) a.put("return_type", signature.returns());
        return a;
    }

    /** The names chaoslib's discovery gives Python annotations. */
    private static String type(Param.Type type) {
        return switch (type) {
            case STRING, NAME -> "string";
            case INT -> "integer";
            case NUMBER -> "number";
            case BOOL -> "boolean";
            case LIST -> "list";
            case MAP -> "mapping";
            case STRING_OR_LIST, ANY -> "object";
        };
    }

    private static Map<String, Object> platform() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("system", System.getProperty("os.name"));
        p.put("node", Host.name());
        p.put("release", System.getProperty("os.version"));
        p.put("version", "");
        String arch = System.getProperty("os.arch");
        p.put("machine", "amd64".equals(arch) ? "x86_64" : arch);
        p.put("proc", "");
        p.put("python", null);
        p.put("java", System.getProperty("java.version"));
        return p;
    }
}
