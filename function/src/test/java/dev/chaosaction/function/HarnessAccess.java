package dev.chaosaction.function;

import java.nio.file.Path;

/** The test harness for tests of the {@code local} package. */
public final class HarnessAccess {
    private HarnessAccess() {}

    public static ChaosHandler directoryHandler(Path journals) {
        return Harness.directory(journals).handler();
    }

    public static String probeOnly(String url) {
        return Samples.probeOnly(url);
    }
}
