package dev.chaosaction.cli;

import dev.chaosaction.run.RunControl;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (a cancelled workflow, {@code kill}) and SIGINT (Ctrl-C) interrupt the run instead of killing the
 * JVM: the current activity stops, rollbacks follow the strategy and the journal is written. A second
 * signal also stops the rollbacks. Handlers are restored when the run is over.
 */
public final class Interrupts implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    public static Interrupts install(RunControl control) {
        Interrupts interrupts = new Interrupts();
        for (String name : List.of("TERM", "INT")) interrupts.handle(name, control);
        return interrupts;
    }

    private void handle(String name, RunControl control) {
        Signal signal = new Signal(name);
        try {
            previous.add(Signal.handle(signal, s -> control.interrupt("SIG" + s.getName())));
            signals.add(signal);
        } catch (IllegalArgumentException e) {
            // The JVM reserves this signal here (e.g. with -Xrs); the default behaviour stays.
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) Signal.handle(signals.get(i), previous.get(i));
    }
}
