package dev.chaosaction.cli;

/** A command-line mistake (a malformed --var, an unreadable var file): exit code 2, no stack trace. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
