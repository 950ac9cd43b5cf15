package io.inferdeck.common.net;

/**
 * How long an API key must be when it guards a server other machines can reach (issue 21: a 1-character key was
 * accepted for a 0.0.0.0 bind). One number for the runner's options and the deployment profile's validator.
 */
public final class RemoteKeys {
    /** Characters a key needs for a non-loopback bind. */
    public static final int MIN_LENGTH = 16;

    private RemoteKeys() {
    }
}
