package dev.chaosaction.activity;

import java.util.Map;

/** Makes a run's instance of a function library from what the experiment resolved. */
@FunctionalInterface
public interface FunctionLibraryFactory {
    FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env, Map<String, Object> runtime);
}
