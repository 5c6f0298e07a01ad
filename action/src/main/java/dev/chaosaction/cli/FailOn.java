package dev.chaosaction.cli;

import dev.chaosaction.journal.Verdict;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which runs fail the step or the command: {@code chaostoolkit} (Chaos Toolkit's exit code: a run that
 * completed without deviation passes, whatever its verdict), {@code not-held} (every verdict but {@code held}),
 * {@code never}, or a comma-separated list of verdicts ({@code deviated,unhealthy-before}).
 *
 * @param verdicts      the verdicts that fail (unused for Chaos Toolkit's rule)
 * @param chaostoolkit  whether Chaos Toolkit's rule decides instead
 */
public record FailOn(Set<Verdict> verdicts, boolean chaostoolkit) {
    public static final String CHAOSTOOLKIT = "chaostoolkit";
    public static final String NOT_HELD = "not-held";
    public static final String NEVER = "never";
    public static final String VALUES = CHAOSTOOLKIT + ", " + NOT_HELD + ", " + NEVER
            + " or a comma-separated list of verdicts (" + Verdict.names() + ")";

    public static FailOn parse(String value) {
        String rule = value.strip().toLowerCase(Locale.ROOT);
        return switch (rule) {
            case CHAOSTOOLKIT -> new FailOn(Set.of(), true);
            case NOT_HELD -> new FailOn(EnumSet.complementOf(EnumSet.of(Verdict.HELD)), false);
            case NEVER -> new FailOn(Set.of(), false);
            default -> {
                Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
                for (String name : rule.split(",")) {
                    try {
                        verdicts.add(Verdict.parse(name));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown rule '" + name.strip() + "', expected " + VALUES);
                    }
                }
                yield new FailOn(verdicts, false);
            }
        };
    }

    /** The same rule, with a deviation forgiven (the action's older {@code fail-on-deviation: false}). */
    public FailOn forgivingDeviation() {
        Set<Verdict> rest = EnumSet.noneOf(Verdict.class);
        rest.addAll(verdicts);
        rest.remove(Verdict.DEVIATED);
        return new FailOn(rest, chaostoolkit);
    }

    public boolean fails(Verdict verdict, String status, boolean deviated) {
        return chaostoolkit ? !"completed".equals(status) || deviated : verdicts.contains(verdict);
    }
}
