package dev.chaosaction.policy;

import java.util.Arrays;
import java.util.List;

/**
 * A deployment's comma list of what it allows, with the setting it came from (named in refusals, so that the
 * operator knows what to widen).
 */
record AllowList(List<String> entries, String setting) {

    static AllowList parse(String list, String setting) {
        return new AllowList(list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList(), setting);
    }

    /** The entries for a message: "a, b" or "none". */
    String shown() {
        return entries.isEmpty() ? "none" : String.join(", ", entries);
    }
}
