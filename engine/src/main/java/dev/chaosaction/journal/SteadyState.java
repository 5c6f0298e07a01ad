package dev.chaosaction.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One check of the steady-state hypothesis: its probes and whether it was met. */
public final class SteadyState {
    private final List<RunItem> probes = new ArrayList<>();
    private volatile boolean met;

    public synchronized void add(RunItem probe) {
        probes.add(probe);
    }

    public void met(boolean value) {
        this.met = value;
    }

    public boolean met() {
        return met;
    }

    public synchronized List<RunItem> probes() {
        return List.copyOf(probes);
    }

    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steady_state_met", met);
        m.put("probes", probes.stream().map(RunItem::toMap).toList());
        return m;
    }
}
