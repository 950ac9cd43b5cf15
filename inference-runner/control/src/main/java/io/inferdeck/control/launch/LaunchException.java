package io.inferdeck.control.launch;

/** The machine cannot run a valid profile as asked: a binary is missing, not executable... */
public final class LaunchException extends Exception {
    public LaunchException(String message) {
        super(message);
    }
}
