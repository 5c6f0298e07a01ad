package dev.chaosaction.control;

/**
 * Where a control hook applies, as Chaos Toolkit names it: {@code before_<level>_control} and
 * {@code after_<level>_control}.
 */
public enum Level {
    /** The whole run; the after hook gets the journal. */
    EXPERIMENT,
    /** Each check of the steady-state hypothesis; the after hook gets its state. */
    HYPOTHESIS,
    /** The method; the after hook gets its run items. */
    METHOD,
    /** The rollbacks, when they play; the after hook gets their run items. */
    ROLLBACK,
    /** Each activity (hypothesis probes, method, rollbacks, safeguard probes); the after hook gets its item. */
    ACTIVITY
}
