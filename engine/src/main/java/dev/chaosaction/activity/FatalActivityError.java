package dev.chaosaction.activity;

/**
 * An activity that cannot even be attempted in a way Chaos Toolkit lets abort the whole run rather than fail
 * the activity (an HTTP URL without a scheme or host: requests' {@code MissingSchema}/{@code InvalidURL}). The
 * run then ends {@code aborted}; its item keeps no status, as in Chaos Toolkit's journal.
 */
public final class FatalActivityError extends RuntimeException {
    public FatalActivityError(String message) {
        super(message, null, false, false);
    }
}
