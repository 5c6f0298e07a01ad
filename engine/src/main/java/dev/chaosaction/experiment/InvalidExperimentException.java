package dev.chaosaction.experiment;

import java.util.List;
import java.util.stream.Collectors;

/** A user mistake in an experiment, its configuration or a payload: every problem found, never a stack trace. */
public final class InvalidExperimentException extends Exception {
    private final List<Problem> problems;

    public InvalidExperimentException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) throw new IllegalArgumentException("an invalid experiment needs a problem");
        this.problems = List.copyOf(problems);
    }

    public InvalidExperimentException(String path, String message) {
        this(List.of(new Problem(path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
