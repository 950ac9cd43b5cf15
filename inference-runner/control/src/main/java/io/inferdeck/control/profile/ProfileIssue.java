package io.inferdeck.control.profile;

import java.util.List;
import java.util.Objects;

/**
 * One finding about a profile, tied to the JSON field it concerns (e.g. {@code tensorSplit},
 * {@code gpus[2]}); an empty field means the file as a whole. Errors block a launch; warnings
 * are shown but do not.
 */
public record ProfileIssue(String field, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public ProfileIssue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static ProfileIssue error(String field, String message) {
        return new ProfileIssue(field, Severity.ERROR, message);
    }

    public static ProfileIssue warning(String field, String message) {
        return new ProfileIssue(field, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public static boolean anyError(List<ProfileIssue> issues) {
        return issues.stream().anyMatch(ProfileIssue::isError);
    }

    /** {@code field: message}, prefixed with {@code warning:} for warnings. */
    @Override
    public String toString() {
        String where = field.isEmpty() ? "" : field + ": ";
        return (severity == Severity.WARNING ? "warning: " : "") + where + message;
    }
}
