package dev.chaosaction.experiment;

/**
 * One thing wrong with an experiment or a payload.
 *
 * @param path    a JSON Pointer into the document ({@code /method/2/provider/url}); {@code ""} for the whole
 * @param message what is wrong, in Chaos Toolkit's words where it has some
 */
public record Problem(String path, String message) {
    /** Joins a pointer and a child key or index, escaping as RFC 6901 says. */
    public static String child(String path, Object key) {
        return path + "/" + String.valueOf(key).replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + ": " + message;
    }
}
