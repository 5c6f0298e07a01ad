package dev.chaosaction.activity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of native functions reachable from {@code "type": "python"} providers, such as the Kubernetes
 * extension's. One instance serves one run, so it may count what the run did (pods terminated). Looking a function up must not load what calling it needs: an HTTP-only experiment should
 * never load a Kubernetes class.
 */
public interface FunctionLibrary extends AutoCloseable {

    /** A function with its signature; {@code function} is only invoked when the activity runs. */
    record Entry(Signature signature, NativeFunction function) {}

    /** Finds {@code module.func}, accepting the library's module aliases. */
    Optional<Entry> find(String module, String func);

    /** The module names the library serves, for the message that names the supported ones. */
    Set<String> modules();

    /** Every function served, under its canonical module, for {@code chaos discover}. */
    default List<Signature> signatures() {
        return List.of();
    }

    /** Releases what calls opened (a cluster connection); a library lives for one run. */
    @Override
    default void close() {}
}
