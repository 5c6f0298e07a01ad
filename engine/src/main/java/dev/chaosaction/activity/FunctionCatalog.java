package dev.chaosaction.activity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The function libraries a run can reach through python providers, searched in order. */
public record FunctionCatalog(List<FunctionLibrary> libraries) implements AutoCloseable {

    public Optional<FunctionLibrary.Entry> find(String module, String func) {
        for (FunctionLibrary library : libraries) {
            Optional<FunctionLibrary.Entry> entry = library.find(module, func);
            if (entry.isPresent()) return entry;
        }
        return Optional.empty();
    }

    public Set<String> modules() {
        Set<String> all = new TreeSet<>();
        libraries.forEach(l -> all.addAll(l.modules()));
        return all;
    }

    @Override
    public void close() {
        libraries.forEach(FunctionLibrary::close);
    }
}
