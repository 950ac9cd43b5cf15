package io.inferdeck.services.fleet;

/** A fleet file that cannot be read: the message names the file, the field and the line. */
public final class FleetFileException extends Exception {
    public FleetFileException(String message) {
        super(message);
    }
}
