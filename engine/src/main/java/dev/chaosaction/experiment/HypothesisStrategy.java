package dev.chaosaction.experiment;

import java.util.Locale;

/** When the steady-state hypothesis is checked (Chaos Toolkit's {@code Strategy}). */
public enum HypothesisStrategy {
    DEFAULT, BEFORE_METHOD_ONLY, AFTER_METHOD_ONLY, DURING_METHOD_ONLY, CONTINUOUSLY, SKIP;

    public boolean before() {
        return this == DEFAULT || this == BEFORE_METHOD_ONLY || this == CONTINUOUSLY;
    }

    public boolean during() {
        return this == DURING_METHOD_ONLY || this == CONTINUOUSLY;
    }

    public boolean after() {
        return this == DEFAULT || this == AFTER_METHOD_ONLY || this == CONTINUOUSLY;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts Chaos Toolkit's spellings, including its historical {@code continously}. */
    public static HypothesisStrategy parse(String value) {
        String v = "continously".equals(value) ? "continuously" : value;
        return RuntimeBlock.parse(HypothesisStrategy.class, v, "hypothesis strategy");
    }
}
