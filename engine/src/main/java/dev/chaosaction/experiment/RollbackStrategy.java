package dev.chaosaction.experiment;

import java.util.Locale;

/** When rollbacks are played (Chaos Toolkit's {@code run_rollback}). */
public enum RollbackStrategy {
    DEFAULT, ALWAYS, NEVER, DEVIATED;

    /** Decides from the run's status and deviation; an ungraceful stop never plays them. */
    public boolean plays(String status, boolean deviated) {
        return switch (this) {
            case DEFAULT -> !"failed".equals(status) && !"interrupted".equals(status);
            case ALWAYS -> true;
            case NEVER -> false;
            case DEVIATED -> deviated;
        };
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RollbackStrategy parse(String value) {
        return RuntimeBlock.parse(RollbackStrategy.class, value, "rollback strategy");
    }
}
