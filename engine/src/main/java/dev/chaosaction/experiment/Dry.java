package dev.chaosaction.experiment;

import java.util.Locale;

/** Chaos Toolkit's {@code --dry} modes: which activities are not executed, or whether pauses are skipped. */
public enum Dry {
    PROBES, ACTIONS, ACTIVITIES, PAUSE;

    /** True when an activity of this type ({@code probe}/{@code action}) is recorded but not executed. */
    public boolean skips(String activityType) {
        return switch (this) {
            case PROBES -> "probe".equals(activityType);
            case ACTIONS -> "action".equals(activityType);
            case ACTIVITIES -> true;
            case PAUSE -> false;
        };
    }

    /** Tolerances are not judged when probes are not executed. */
    public boolean skipsTolerances() {
        return this == PROBES || this == ACTIVITIES;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dry parse(String value) {
        return RuntimeBlock.parse(Dry.class, value, "dry mode");
    }
}
