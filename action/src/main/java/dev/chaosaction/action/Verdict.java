package dev.chaosaction.action;

/** How a run ended, in one line: the first thing the summary and the log say. */
public enum Verdict {
    PASSED("✅", "Completed: the steady state held"),
    SKIPPED("⚠️", "Completed without running the method: the steady state was not met before it"),
    DEVIATED("❌", "Deviated: the steady state was not met after the method"),
    FAILED("❌", "Failed"),
    ABORTED("⚠️", "Aborted"),
    INTERRUPTED("⚠️", "Interrupted");

    private final String mark;
    private final String headline;

    Verdict(String mark, String headline) {
        this.mark = mark;
        this.headline = headline;
    }

    public String mark() {
        return mark;
    }

    public String headline() {
        return headline;
    }

    /**
     * @param beforeMet whether the steady state was met before the method (null: not checked)
     */
    public static Verdict of(String status, boolean deviated, Boolean beforeMet) {
        return switch (status) {
            case "completed" -> deviated ? DEVIATED : Boolean.FALSE.equals(beforeMet) ? SKIPPED : PASSED;
            case "aborted" -> ABORTED;
            case "interrupted" -> INTERRUPTED;
            default -> FAILED;
        };
    }
}
