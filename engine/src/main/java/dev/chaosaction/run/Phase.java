package dev.chaosaction.run;

/** The phases of a run, in order. */
public enum Phase {
    HYPOTHESIS_BEFORE("steady state before"),
    METHOD("method"),
    HYPOTHESIS_DURING("steady state during"),
    HYPOTHESIS_AFTER("steady state after"),
    ROLLBACKS("rollbacks");

    private final String title;

    Phase(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
