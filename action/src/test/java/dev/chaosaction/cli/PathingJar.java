package dev.chaosaction.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A jar that holds nothing but a manifest whose {@code Class-Path} names entries of the test's class path: the
 * packaged layouts (chaos.jar, chaos-sandbox/, the image's /opt/chaos) built from what the tests compiled.
 */
public final class PathingJar {
    private PathingJar() {}

    /** The test JVM's class path entries that pass {@code filter}. */
    public static List<String> classPath(Predicate<String> filter) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(filter).toList();
    }

    public static Path write(Path jar, List<String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Chaos.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                entries.stream().map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" ")));
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
