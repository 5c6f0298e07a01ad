package dev.chaosaction.testing;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.value.Py;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function library for tests, reached through python providers like any other: module {@code test.fn} with
 * {@code echo(value)}, {@code fail(message)} (ActivityFailed), {@code boom()} (an unexpected error) and
 * {@code tick(name)} (counts calls, returns the count; in a dry run says what it would do), {@code fail_after(name, times)} (counts, fails past times),
 * {@code exhaust()} (asks for more heap than there is: a real OutOfMemoryError) and {@code recurse()} (recurses
 * until a real StackOverflowError).
 */
public final class TestFunctions implements FunctionLibrary {
    public static final String MODULE = "test.fn";
    private static final Map<String, AtomicInteger> TICKS = new ConcurrentHashMap<>();

    public static FunctionLibraryFactory factory() {
        return (configuration, env, runtime) -> new TestFunctions();
    }

    /**
     * An activity (probe or action) named {@code name} that calls {@code tick} on counter {@code counter};
     * {@code extra} is more JSON members (", \"pauses\": ..."), or "".
     */
    public static String tickActivity(String type, String name, String counter, String extra) {
        return """
                {"type": "%s", "name": "%s"%s,
                 "provider": {"type": "python", "module": "test.fn", "func": "tick", "arguments": {"name": "%s"}}}"""
                .formatted(type, name, extra, counter);
    }

    public static int ticks(String name) {
        AtomicInteger n = TICKS.get(name);
        return n == null ? 0 : n.get();
    }

    @Override
    public Optional<Entry> find(String module, String func) {
        if (!MODULE.equals(module)) return Optional.empty();
        return switch (func) {
            case "echo" -> entry(func, List.of(Param.optional("value", Param.Type.ANY, null)),
                    (args, ctx) -> args.get("value"));
            case "fail" -> entry(func, List.of(Param.optional("message", Param.Type.STRING, "failed on purpose")),
                    (args, ctx) -> {
                        throw new ActivityFailed(Py.str(args.get("message")));
                    });
            case "boom" -> entry(func, List.of(), (args, ctx) -> {
                throw new IllegalStateException("boom");
            });
            case "tick" -> entry(func, List.of(Param.required("name", Param.Type.STRING)),
                    (args, ctx) -> ctx.dryRun() ? "would tick " + args.get("name")
                            : (Object) (long) TICKS.computeIfAbsent(Py.str(args.get("name")), k -> new AtomicInteger())
                            .incrementAndGet());
            case "fail_after" -> entry(func, List.of(Param.required("name", Param.Type.STRING),
                    Param.optional("times", Param.Type.INT, 1L)), (args, ctx) -> {
                        int n = TICKS.computeIfAbsent(Py.str(args.get("name")), k -> new AtomicInteger()).incrementAndGet();
                        if (n > ((Number) args.get("times")).intValue()) throw new ActivityFailed("call " + n + " failed");
                        return (long) n;
                    });
            case "exhaust" -> entry(func, List.of(), (args, ctx) -> new long[Integer.MAX_VALUE - 8].length);
            case "recurse" -> entry(func, List.of(), (args, ctx) -> recurse(0));
            default -> Optional.empty();
        };
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    @Override
    public Set<String> modules() {
        return Set.of(MODULE);
    }

    private static Optional<Entry> entry(String func, List<Param> params, dev.chaosaction.activity.NativeFunction f) {
        return Optional.of(new Entry(new Signature(MODULE, func, params), f));
    }
}
