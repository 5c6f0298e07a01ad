package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;

/** The Java body of one chaosk8s function. */
@FunctionalInterface
interface Impl {
    Object call(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed;
}
