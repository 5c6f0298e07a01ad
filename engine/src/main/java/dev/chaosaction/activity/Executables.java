package dev.chaosaction.activity;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds a command the way Python's {@code shutil.which} does, telling "missing" from "not executable". */
final class Executables {
    /** Python's search path when PATH is unset ({@code os.confstr("CS_PATH")} on glibc). */
    private static final String DEFAULT_SEARCH_PATH = "/bin:/usr/bin";

    /** Where the lookup ended: {@code path} is null when nothing was found. */
    record Lookup(Path path, boolean executable) {
        static final Lookup MISSING = new Lookup(null, false);

        boolean found() {
            return path != null;
        }
    }

    private Executables() {}

    /**
     * A command with a slash is checked as it is (relative to the working directory); a bare name is looked
     * for in each directory of {@code searchPath}. The first executable match wins; failing that, the first
     * non-executable one is reported, so the caller can say "no access permission" rather than "not found".
     */
    static Lookup find(String command, String searchPath) {
        if (command.contains("/")) return check(command);
        Lookup firstMatch = Lookup.MISSING;
        for (String dir : (searchPath == null ? DEFAULT_SEARCH_PATH : searchPath).split(":", -1)) {
            Lookup lookup = check((dir.isEmpty() ? "." : dir) + "/" + command);
            if (lookup.executable()) return lookup;
            if (!firstMatch.found()) firstMatch = lookup;
        }
        return firstMatch;
    }

    private static Lookup check(String candidate) {
        try {
            Path path = Path.of(candidate);
            if (!Files.exists(path) || Files.isDirectory(path)) return Lookup.MISSING;
            return new Lookup(path, Files.isExecutable(path));
        } catch (InvalidPathException e) {
            return Lookup.MISSING;
        }
    }
}
