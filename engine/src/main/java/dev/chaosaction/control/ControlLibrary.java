package dev.chaosaction.control;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The control modules a runner serves, keyed by module name. */
public record ControlLibrary(List<ControlModule> modules) {
    public static final ControlLibrary NONE = new ControlLibrary(List.of());

    public ControlLibrary {
        modules = List.copyOf(modules);
    }

    public Optional<ControlModule> find(String module) {
        return modules.stream().filter(m -> m.module().equals(module)).findFirst();
    }

    /** The served module names, for the message naming them. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        modules.forEach(m -> names.add(m.module()));
        return names;
    }
}
