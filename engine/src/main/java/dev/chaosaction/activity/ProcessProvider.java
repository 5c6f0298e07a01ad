package dev.chaosaction.activity;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Chaos Toolkit's {@code process} provider ({@code chaoslib/provider/process.py}): runs an executable and
 * returns {@code {"status", "stdout", "stderr"}}. A non-zero exit code is an output, not a failure.
 *
 * <p>Where we differ from Chaos Toolkit, on purpose:
 * <ul>
 *   <li>stdout and stderr are decoded as UTF-8 (bad bytes become U+FFFD), not by charset guessing, which
 *       misreads short outputs; each keeps its first {@link #MAX_CAPTURE} bytes and notes what it dropped;</li>
 *   <li>stdin is empty rather than the engine's own;</li>
 *   <li>a timeout or a cancellation kills the whole process tree, not only the direct child;</li>
 *   <li>a path that cannot be found or started at run time fails the activity instead of aborting the method;</li>
 *   <li>a process killed by signal N reports status 128+N (Java's view), where Python reports -N.</li>
 * </ul>
 */
public final class ProcessProvider implements Provider {
    /** How much of each of stdout and stderr is kept; the rest is read and dropped. */
    static final int MAX_CAPTURE = OutputCapture.MAX_BYTES;

    private final Map<String, String> env;

    /** Processes inherit this JVM's environment. */
    public ProcessProvider() {
        this(System.getenv());
    }

    /** Processes run with {@code env}, which also gives the PATH and HOME used to find them. */
    public ProcessProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Chaos Toolkit's {@code validate_process_activity}: the raw path (no {@code ${}} substitution, no
     * {@code ~} expansion) must name an executable, directly or through {@code env}'s PATH.
     *
     * @param path the provider block's JSON Pointer, such as {@code /method/0/provider}
     */
    public static List<Problem> validate(Map<String, Object> provider, String path, String activityName,
                                         Map<String, String> env) {
        Object raw = provider.get("path");
        String at = Problem.child(path, "path");
        if (!Py.truthy(raw)) return List.of(new Problem(at, "a process activity must have a path"));
        String command = Py.str(raw);
        Executables.Lookup lookup = Executables.find(command, env.get("PATH"));
        String where = ", in activity '" + activityName + "'";
        if (!lookup.found()) return List.of(new Problem(at, "path '" + command + "' cannot be found" + where));
        // shutil.which skips non-executable files, so Chaos Toolkit says "cannot be found" here; this is clearer.
        if (!lookup.executable()) return List.of(new Problem(at, "no access permission to '" + command + "'" + where));
        return List.of();
    }

    @Override
    public Map<String, Object> call(Map<String, Object> provider, CancelToken cancel) throws ActivityFailed {
        cancel.throwIfCancelled();
        Object path = provider.get("path");
        if (!Py.truthy(path)) throw new ActivityFailed("a process activity must have a path");
        String executable = resolve(Py.str(path));
        List<String> command = command(executable, provider.get("arguments"));
        BigDecimal timeout = timeout(provider.get("timeout"));
        return run(command, timeout, cancel);
    }

    /** {@code ~} expansion, then the PATH lookup, at run time as Chaos Toolkit does. */
    private String resolve(String raw) throws ActivityFailed {
        String expanded = raw.equals("~") || raw.startsWith("~/") ? home() + raw.substring(1) : raw;
        Executables.Lookup lookup = Executables.find(expanded, env.get("PATH"));
        // Chaos Toolkit would go on with a None path and crash; failing the activity says why.
        if (!lookup.found()) throw new ActivityFailed("path '" + raw + "' cannot be found");
        if (!lookup.executable()) throw new ActivityFailed("no access permission to '" + raw + "'");
        return lookup.path().toString();
    }

    private String home() {
        return env.getOrDefault("HOME", System.getProperty("user.home"));
    }

    /**
     * A string of arguments goes through {@code /bin/sh} after the path, unquoted, as Chaos Toolkit does; a
     * list (or a deprecated map, flattened to {@code k1 v1 k2 v2}) becomes the argv, without null and "" items
     * and with every item {@code str()}-ed ({@code true} becomes {@code True}).
     */
    private static List<String> command(String executable, Object arguments) throws ActivityFailed {
        if (arguments instanceof String line) return List.of("/bin/sh", "-c", executable + " " + line);
        List<?> items = switch (arguments) {
            case null -> List.of();
            case List<?> list -> list;
            case Map<?, ?> map -> map.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toList();
            default -> throw new ActivityFailed(
                    "process arguments must be a list, a string or a mapping, not " + Py.typeName(arguments));
        };
        return Stream.concat(Stream.of(executable),
                items.stream().filter(item -> item != null && !"".equals(item)).map(Py::str)).toList();
    }

    private static BigDecimal timeout(Object timeout) throws ActivityFailed {
        if (timeout == null) return null; // no limit, as in Chaos Toolkit
        if (!Py.isNumeric(timeout)) {
            throw new ActivityFailed("the process timeout must be a number of seconds, not " + Py.typeName(timeout));
        }
        return Py.decimal(timeout);
    }

    private Map<String, Object> run(List<String> command, BigDecimal timeout, CancelToken cancel)
            throws ActivityFailed {
        Process process = start(command);
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), MAX_CAPTURE, "process-stdout");
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), MAX_CAPTURE, "process-stderr");
        // Done when the process has exited and both pipes are closed (a child may keep them open longer).
        CompletableFuture<Void> finished = CompletableFuture.allOf(process.onExit(), stdout.done, stderr.done);
        try (CancelToken.Registration ignored = cancel.onCancel(() -> {
            killTree(process);
            finished.complete(null); // don't wait for pipes held by a process that escaped the kill
        })) {
            await(finished, timeout);
        } catch (TimeoutException e) {
            killTree(process);
            cancel.throwIfCancelled();
            throw new ActivityFailed("process activity took too long to complete");
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new RunInterrupted("thread interrupted");
        }
        cancel.throwIfCancelled();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", (long) process.exitValue());
        output.put("stdout", stdout.text());
        output.put("stderr", stderr.text());
        return output;
    }

    private Process start(List<String> command) throws ActivityFailed {
        ProcessBuilder builder = new ProcessBuilder(command)
                // An empty stdin: a process waiting for input must not read the engine's own.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            // Chaos Toolkit lets the OSError abort the method; a failed activity is enough.
            throw new ActivityFailed("could not start '" + command.getFirst() + "': " + e.getMessage(), e);
        }
    }

    private static void await(CompletableFuture<Void> finished, BigDecimal timeout)
            throws TimeoutException, InterruptedException {
        try {
            if (timeout == null) {
                finished.get();
            } else {
                long nanos = timeout.movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
                finished.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process cannot fail", e);
        }
    }

    /** Kills the process and every process it started, so that a timed-out shell leaves no orphans. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
