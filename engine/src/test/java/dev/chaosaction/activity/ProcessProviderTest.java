package dev.chaosaction.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.experiment.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessProviderTest {
    @TempDir
    Path dir;
    /** This JVM's environment with HOME moved to the temporary directory. */
    private Map<String, String> env;
    private ProcessProvider process;

    @BeforeEach
    void setUp() throws IOException {
        env = new HashMap<>(System.getenv());
        env.put("HOME", dir.toString());
        env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        Files.createDirectories(dir.resolve("bin"));
        process = new ProcessProvider(env);
    }

    private static Map<String, Object> provider(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "process");
        for (int i = 0; i < keyValues.length; i += 2) p.put((String) keyValues[i], keyValues[i + 1]);
        return p;
    }

    private static Map<String, Object> output(long status, String stdout, String stderr) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("stdout", stdout);
        out.put("stderr", stderr);
        return out;
    }

    private Path script(String name, String body, String permissions) throws IOException {
        Path file = Files.writeString(dir.resolve("bin").resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static Map<String, Object> sh(String script) {
        return provider("path", "/bin/sh", "arguments", List.of("-c", script));
    }

    // --- validation ---

    @Test
    void validationNeedsAPath() {
        assertEquals(List.of(new Problem("/method/1/provider/path", "a process activity must have a path")),
                ProcessProvider.validate(provider("path", ""), "/method/1/provider", "act", env));
        assertEquals(List.of(new Problem("/p/path", "a process activity must have a path")),
                ProcessProvider.validate(provider(), "/p", "act", env));
    }

    @Test
    void validationLooksThePathUpOnThePath() throws IOException {
        script("tool", "exit 0", "rwxr-xr-x");
        assertEquals(List.of(), ProcessProvider.validate(provider("path", "tool"), "/p", "act", env));
        assertEquals(List.of(), ProcessProvider.validate(provider("path", "/bin/echo"), "/p", "act", env));
        assertEquals(List.of(new Problem("/p/path", "path 'no-such-tool' cannot be found, in activity 'act'")),
                ProcessProvider.validate(provider("path", "no-such-tool"), "/p", "act", env));
        // Without our PATH, "tool" is nowhere.
        assertEquals(List.of(new Problem("/p/path", "path 'tool' cannot be found, in activity 'act'")),
                ProcessProvider.validate(provider("path", "tool"), "/p", "act", Map.of("PATH", "/bin")));
    }

    @Test
    void validationRefusesAFileThatCannotBeRun() throws IOException {
        Path file = script("data", "exit 0", "rw-r--r--");
        assertEquals(List.of(new Problem("/p/path", "no access permission to 'data', in activity 'act'")),
                ProcessProvider.validate(provider("path", "data"), "/p", "act", env));
        assertEquals(List.of(new Problem("/p/path", "no access permission to '" + file + "', in activity 'act'")),
                ProcessProvider.validate(provider("path", file.toString()), "/p", "act", env));
    }

    @Test
    void validationExpandsNeitherTildeNorPlaceholders() throws IOException {
        script("tool", "exit 0", "rwxr-xr-x");
        assertEquals(List.of(new Problem("/p/path", "path '~/bin/tool' cannot be found, in activity 'act'")),
                ProcessProvider.validate(provider("path", "~/bin/tool"), "/p", "act", env));
        assertEquals(List.of(new Problem("/p/path", "path '${tool}' cannot be found, in activity 'act'")),
                ProcessProvider.validate(provider("path", "${tool}"), "/p", "act", env));
    }

    // --- running ---

    @Test
    void listArgumentsArePythonStringsWithoutNullOrEmptyItems() throws Exception {
        Map<String, Object> out = process.call(provider("path", "/bin/echo",
                "arguments", Arrays.asList("hello", true, null, "", 1.5, 3L, false)), new CancelToken());
        assertEquals(output(0, "hello True 1.5 3 False\n", ""), out);
    }

    @Test
    void exitCodeStdoutAndStderrAreReportedNotFailed() throws Exception {
        assertEquals(output(3, "out\n", "err\n"),
                process.call(sh("echo out; echo err >&2; exit 3"), new CancelToken()));
    }

    @Test
    void stringArgumentsGoThroughTheShell() throws Exception {
        Map<String, Object> out = process.call(provider("path", "echo", "arguments", "a   b | tr a-z A-Z"),
                new CancelToken());
        assertEquals(output(0, "A B\n", ""), out);
    }

    @Test
    void mapArgumentsAreFlattened() throws Exception {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("-n", "x");
        arguments.put("y", null);
        arguments.put("z", 2L);
        assertEquals(output(0, "x y z 2", ""),
                process.call(provider("path", "echo", "arguments", arguments), new CancelToken()));
    }

    @Test
    void tildeAndPathAreResolvedAtRunTime() throws Exception {
        script("tool", "echo \"$0 $1\"", "rwxr-xr-x");
        String tool = dir.resolve("bin/tool").toString();
        assertEquals(output(0, tool + " a\n", ""),
                process.call(provider("path", "~/bin/tool", "arguments", List.of("a")), new CancelToken()));
        assertEquals(output(0, tool + " b\n", ""),
                process.call(provider("path", "tool", "arguments", List.of("b")), new CancelToken()));
    }

    @Test
    void theEnvironmentIsPassedOn() throws Exception {
        assertEquals(output(0, dir + "\n", ""), process.call(sh("echo \"$HOME\""), new CancelToken()));
    }

    @Test
    void anUnknownPathFailsTheActivity() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> process.call(provider("path", "no-such-tool"), new CancelToken()));
        assertEquals("path 'no-such-tool' cannot be found", failed.getMessage());
        ActivityFailed noPath = assertThrows(ActivityFailed.class,
                () -> process.call(provider("path", null), new CancelToken()));
        assertEquals("a process activity must have a path", noPath.getMessage());
    }

    @Test
    void outputIsDecodedAsUtf8() throws Exception {
        assertEquals(output(0, "h\u00e9 \ufffd", ""),
                process.call(sh("printf 'h\\303\\251 \\377'"), new CancelToken()));
    }

    @Test
    void bigOutputsOnBothStreamsDoNotDeadlock() throws Exception {
        Map<String, Object> out = process.call(sh(
                "head -c 6000000 /dev/zero | tr '\\0' a; head -c 5000000 /dev/zero | tr '\\0' b >&2; echo done"),
                new CancelToken());
        assertEquals(0L, out.get("status"));
        assertEquals("a".repeat(6_000_000) + "done\n", out.get("stdout"));
        assertEquals("b".repeat(5_000_000), out.get("stderr"));
    }

    @Test
    void aHugeOutputKeepsItsHead() throws Exception {
        int extra = 1_000_000;
        Map<String, Object> out = process.call(sh(
                "head -c " + (ProcessProvider.MAX_CAPTURE + extra) + " /dev/zero | tr '\\0' a"), new CancelToken());
        assertEquals("a".repeat(ProcessProvider.MAX_CAPTURE) + "\n[chaos-action: output truncated after "
                + ProcessProvider.MAX_CAPTURE + " bytes, " + extra + " bytes dropped]", out.get("stdout"));
    }

    // --- stopping ---

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("pid");
        ActivityFailed failed = assertThrows(ActivityFailed.class, () -> process.call(provider(
                "path", "/bin/sh", "arguments", List.of("-c", sleeperWritingItsPid(pidFile)), "timeout", 1L),
                new CancelToken()));
        assertEquals("process activity took too long to complete", failed.getMessage());
        assertGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void cancellingKillsTheProcessTree() throws Exception {
        Path pidFile = dir.resolve("pid");
        CancelToken cancel = new CancelToken();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                while (!Files.exists(pidFile)) Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
            cancel.cancel("kill switch");
        });
        RunInterrupted interrupted = assertThrows(RunInterrupted.class, () -> process.call(provider(
                "path", "/bin/sh", "arguments", List.of("-c", sleeperWritingItsPid(pidFile))), cancel));
        assertEquals("kill switch", interrupted.getMessage());
        canceller.join();
        assertGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void aCancelledTokenStartsNothing() {
        CancelToken cancel = new CancelToken();
        cancel.cancel("stop");
        Path marker = dir.resolve("ran");
        assertThrows(RunInterrupted.class, () -> process.call(sh("touch " + marker), cancel));
        assertFalse(Files.exists(marker));
    }

    /** A shell that starts a child sleeper, publishes the child's pid atomically, and waits for it. */
    private static String sleeperWritingItsPid(Path pidFile) {
        return "sleep 30 & echo $! > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile + "; wait";
    }

    /**
     * Asserts that the process dies. A killed orphan may stay a zombie here (PID 1 may not reap it) and Java
     * counts zombies as alive, so /proc tells. The wait is bounded only so that a survivor fails the test.
     */
    private static void assertGone(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 1000 && running(stat); i++) Thread.sleep(10);
        assertFalse(running(stat), "process " + pid + " survived");
    }

    private static boolean running(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // no such process any more
        }
    }
}
