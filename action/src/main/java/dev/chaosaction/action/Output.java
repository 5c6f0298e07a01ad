package dev.chaosaction.action;

/** The action's outputs, as {@code action.yml} declares them. */
public enum Output {
    VERDICT("verdict"),
    STATUS("status"),
    DEVIATED("deviated"),
    RUN_ID("run-id"),
    JOURNAL_PATH("journal-path"),
    JOURNAL_URI("journal-uri");

    private final String id;

    Output(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
