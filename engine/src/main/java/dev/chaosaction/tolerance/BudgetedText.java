package dev.chaosaction.tolerance;

/**
 * The text a regex tolerance searches, read on a budget. {@code java.util.regex} cannot be interrupted, and a
 * pattern such as {@code (a+)+$} backtracks exponentially over a long {@code aaa…b}: a probe's output could hang
 * the run. Each character the matcher reads is a step; past {@link #MAX_STEPS} the search stops with
 * {@link Exhausted}. A sane search reads each character a few times, so only a runaway pattern gets there, and
 * counting steps instead of time gives the same verdict on a slow machine as on a fast one.
 */
final class BudgetedText implements CharSequence {
    /** About a second of matching: a hundred times the reads of a linear search over a 1 MB output. */
    static final long MAX_STEPS = 100_000_000L;

    /** The budget is spent; no stack trace, the tolerance reports it. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private long steps;

    BudgetedText(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        if (++steps > MAX_STEPS) throw new Exhausted();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Only used to hand out matched groups, once the search is over: not a step. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
