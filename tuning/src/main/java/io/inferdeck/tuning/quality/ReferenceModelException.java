package io.inferdeck.tuning.quality;

/** A model the reference forward pass cannot run (architecture, missing tensor, too large): the message says which. */
public final class ReferenceModelException extends Exception {
    public ReferenceModelException(String message) {
        super(message);
    }
}
