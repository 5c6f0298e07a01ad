package dev.chaosaction.cli;

import dev.chaosaction.run.RunControl;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM interrupt the run instead of killing the JVM: the current activity stops,
 * rollbacks follow the strategy and the journal is written. Supervisors send one cancellation as a sequence
 * (the GitHub runner: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that; Kubernetes and Docker: SIGTERM then
 * SIGKILL), so a later signal does not cut the rollbacks short: they run until they end or the process is killed.
 * Only a person at a terminal ({@link Mode#TERMINAL}) can stop them, with a second SIGINT. Handlers are restored
 * when the run is over.
 */
public final class Interrupts implements AutoCloseable {
    /** Who sends the signals. */
    public enum Mode {
        /** {@code chaos run}: a second SIGINT (Ctrl-C again) also stops the rollbacks; SIGTERM never does. */
        TERMINAL,
        /** The GitHub Action: every signal after the first is part of the same cancellation. */
        SUPERVISED
    }

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    public static Interrupts install(RunControl control, Mode mode) {
        Interrupts interrupts = new Interrupts();
        interrupts.handle("TERM", s -> control.interrupt("SIGTERM"));
        interrupts.handle("INT", new SignalHandler() {
            private boolean seen;

            @Override
            public synchronized void handle(Signal signal) {
                if (seen && mode == Mode.TERMINAL) {
                    control.stopRollbacks("SIGINT");
                } else {
                    control.interrupt("SIGINT");
                }
                seen = true;
            }
        });
        return interrupts;
    }

    private void handle(String name, SignalHandler handler) {
        Signal signal = new Signal(name);
        try {
            previous.add(Signal.handle(signal, handler));
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
