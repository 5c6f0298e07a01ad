package dev.chaosaction.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.run.Engine;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core engine imports no extension, no adapter and no cloud SDK: read from the compiled main classes'
 * constant pools, where every class a class uses is named (its own references, field and method descriptors,
 * generic signatures), whatever the source says.
 */
class CoreBoundaryTest {
    /** Binary-name prefixes the engine's classes must not mention. */
    static final List<String> FORBIDDEN = List.of("io/fabric8/", "software/amazon/", "dev/chaosaction/kubernetes/",
            "dev/chaosaction/aws/", "dev/chaosaction/function/", "dev/chaosaction/action/", "dev/chaosaction/cli/");

    @Test
    void theEngineReferencesNoExtensionAdapterNorCloudSdk() throws IOException, URISyntaxException {
        Path classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "the engine's main classes are a directory here: " + classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        Set<String> offences = new TreeSet<>();
        for (Path file : files) {
            for (String name : names(file)) {
                for (String prefix : FORBIDDEN) {
                    if (name.contains(prefix)) offences.add(classes.relativize(file) + " -> " + name);
                }
            }
        }
        assertTrue(files.size() > 100, "scanned " + files.size() + " classes");
        assertEquals(Set.of(), offences);
    }

    @Test
    void theScanSeesWhatAClassUses() throws IOException, URISyntaxException {
        Path engine = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/chaosaction/run/Engine.class");
        List<String> names = names(engine);
        assertTrue(names.contains("dev/chaosaction/safety/KillSwitches"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("Ldev/chaosaction/run/EngineOptions;")), names.toString());
    }

    /** Every UTF-8 entry of a class file's constant pool (class names, descriptors, signatures, strings). */
    static List<String> names(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) throw new IOException(classFile + " is not a class file");
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            List<String> utf8 = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.add(data.readUTF());
                    case 7, 8, 16, 19, 20 -> data.skipNBytes(2);
                    case 15 -> data.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4);
                    case 5, 6 -> {
                        data.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
            return utf8;
        }
    }
}
