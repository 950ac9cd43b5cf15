package io.inferdeck.services.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why an engine command did not reach Ready; the message is written for the operator. */
public final class ApplyFailure extends RuntimeException {

    public ApplyFailure(String reason) {
        super(reason);
    }

    public ApplyFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason a command's stage failed with, unwrapped from the {@link CompletionException} a stage may add. */
    public static String reasonOf(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
