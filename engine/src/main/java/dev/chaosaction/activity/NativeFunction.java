package dev.chaosaction.activity;

import java.util.Map;

/** A Python provider's function ({@code module} + {@code func}), implemented in Java. */
@FunctionalInterface
public interface NativeFunction {
    /**
     * Calls the function.
     *
     * @param arguments every parameter of the signature, defaults filled in, placeholders substituted
     * @return the value Chaos Toolkit's Python function would return (JSON-like)
     * @throws ActivityFailed as the Python function raises it
     */
    Object call(Map<String, Object> arguments, FunctionContext context) throws ActivityFailed;
}
