package io.inferdeck.control.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile that could not be read or is not valid enough to launch. {@link #issues()} holds
 * field-level messages for an editor; {@link #getMessage()} joins them for a CLI.
 */
public final class ProfileException extends Exception {
    private final List<ProfileIssue> issues;

    public ProfileException(String source, List<ProfileIssue> issues) {
        super(source + ": " + issues.stream().map(ProfileIssue::toString).collect(Collectors.joining("; ")));
        this.issues = List.copyOf(issues);
    }

    public List<ProfileIssue> issues() {
        return issues;
    }
}
