package dev.chaosaction.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless ({@code CHAOS_CHROMIUM}, installed by {@code .ci/setup.d/60-chromium.sh}), opening
 * a page from a file with a fresh profile in {@code work}, with nothing of its own on the network (no updates,
 * no sync, no background requests), so that what reaches a loopback server came from the page.
 */
public final class Chromium {
    public static final String ENV = "CHAOS_CHROMIUM";

    private final Path executable;
    private final Path work;

    /** Skips the test when Chromium is not installed (fails it under {@code CI=true}). */
    public Chromium(Path work) {
        this.executable = Peers.fromEnv(ENV);
        this.work = work;
    }

    /**
     * The DOM once the page has loaded, as {@code --dump-dom} prints it; {@code scriptMillis} of virtual time
     * let the page's own scripts finish first (0 for a page without).
     */
    public String dom(Path page, int scriptMillis) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        if (scriptMillis > 0) arguments.add("--virtual-time-budget=" + scriptMillis);
        arguments.addAll(List.of("--dump-dom", page.toUri().toString()));
        return run(arguments);
    }

    /** A PNG of the page's first {@code width} x {@code height} pixels, taken as {@link #dom} would read it. */
    public void screenshot(Path page, int scriptMillis, Path png, int width, int height)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        if (scriptMillis > 0) arguments.add("--virtual-time-budget=" + scriptMillis);
        arguments.addAll(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
                page.toUri().toString()));
        run(arguments);
        assertTrue(Files.size(png) > 0, "no screenshot");
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(arguments);
        Path log = work.resolve("chromium.log");
        Process browser = new ProcessBuilder(command).redirectError(log.toFile()).start();
        browser.getOutputStream().close();
        String out = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(browser.waitFor(60, TimeUnit.SECONDS), "chromium did not end");
        assertEquals(0, browser.exitValue(), () -> "chromium failed: " + read(log));
        return out;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
