package dev.chaosaction.activity;

import java.util.List;
import java.util.Map;
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

    /**
     * The activity's type as far as safety goes: {@code action} when its function changes things
     * ({@link Signature#mutates}) whatever type it is declared with, else the declared type.
     */
    public String effectiveType(Map<String, Object> activity) {
        Object declared = activity.get("type");
        if (!(activity.get("provider") instanceof Map<?, ?> provider) || !"python".equals(provider.get("type"))
                || !(provider.get("module") instanceof String module) || !(provider.get("func") instanceof String f)) {
            return declared instanceof String s ? s : null;
        }
        return find(module, f).filter(e -> e.signature().mutates()).map(e -> "action")
                .orElse(declared instanceof String s ? s : null);
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
