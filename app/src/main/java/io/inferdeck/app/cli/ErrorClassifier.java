package io.inferdeck.app.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.services.fleet.FleetFileException;
import io.inferdeck.tuning.history.UnreadableRunException;
import io.inferdeck.tuning.load.UnreachableEndpointException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that maps exception types to CLI messages: each rule turns one kind of exception into a
 * {@link CliError} (exit 2 = bad input, 1 = failure at run time). Rules are tried in order on the exception,
 * then on its causes, so a wrapped {@code ConnectException} is still reported as a refused connection.
 * Anything no rule knows is an internal error whose stack trace {@code --debug} shows. Stateless.
 */
final class ErrorClassifier {
    private record Rule(Class<? extends Throwable> type, Function<Throwable, CliError> describe) {
    }

    private static final String NETWORK_REMEDY = "is the engine running there? check the URL";

    private static final List<Rule> RULES = List.of(
            rule(CliError.class, e -> e),
            rule(NoSuchFileException.class, e -> bad(e, e.getFile() + ": no such file", "check the path")),
            rule(AccessDeniedException.class, e -> bad(e, e.getFile() + ": permission denied", "check the file's permissions")),
            rule(FileSystemException.class, e -> bad(e, e.getMessage(), "check the path")),
            rule(FleetFileException.class, e -> bad(e, e.getMessage(), "fix the fleet file (fields: docs/fleet.md)")),
            rule(ProfileException.class, e -> bad(e, e.getMessage(), "fix the profile (fields: docs/profiles.md)")),
            rule(JacksonException.class, e -> bad(e, json(e), "fix the file")),
            rule(GgufFormatException.class, e -> bad(e, e.getMessage(), "is it a GGUF model? `inferdeck model inspect FILE` checks one")),
            rule(LaunchException.class, e -> fail(e, e.getMessage(), "install the engine or set 'binary' in the profile")),
            rule(UnreachableEndpointException.class, e -> fail(e, e.getMessage(), NETWORK_REMEDY)),
            rule(HttpTimeoutException.class, e -> fail(e, "timed out: " + e.getMessage(), NETWORK_REMEDY)),
            rule(ConnectException.class, e -> fail(e, "connection refused", NETWORK_REMEDY)),
            // A damaged store or row is a failure at run time (exit 1): the user's input was fine, the file was not.
            rule(DamagedStoreException.class, e -> fail(e, e.getMessage(), e.movedAside().remedy())),
            rule(UnreadableRunException.class, e -> fail(e, e.getMessage(), "`inferdeck history list` shows the readable runs")),
            rule(SQLException.class, e -> fail(e, "database: " + e.getMessage(), "is another InferDeck using it? check the data folder")),
            rule(IllegalArgumentException.class, e -> bad(e, e.getMessage(), null)),
            rule(InterruptedException.class, e -> fail(e, "interrupted", "run it again")));

    private ErrorClassifier() {
    }

    private static <T extends Throwable> Rule rule(Class<T> type, Function<T, CliError> describe) {
        return new Rule(type, t -> describe.apply(type.cast(t)));
    }

    /** The one-line error for {@code t}: the outermost exception a rule knows, else an internal error. */
    static CliError classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            Optional<CliError> known = known(c, t);
            if (known.isPresent()) {
                return known.get();
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return fail(t, oneLine(c.getMessage() != null ? c.getMessage() : c.toString()), "check the path or URL");
            }
        }
        return new CliError(CliError.FAILURE, "internal error: " + oneLine(t.toString()),
                "rerun with --debug and report the stack trace", t);
    }

    private static Optional<CliError> known(Throwable c, Throwable outer) {
        for (Rule r : RULES) {
            if (r.type().isInstance(c)) {
                CliError e = r.describe().apply(c);
                // A wrapper (e.g. "cannot scrape URL: ...") names what failed: keep its words, the cause's advice.
                if (c != outer && outer.getMessage() != null && c instanceof ConnectException) {
                    return Optional.of(new CliError(e.exitCode(), connectMessage(outer.getMessage()), e.remedy(), outer));
                }
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** java.net.http's ConnectException has no message; wrappers then say only its class name. */
    private static String connectMessage(String wrapper) {
        String m = oneLine(wrapper).replace("java.net.ConnectException", "ConnectException");
        return m.contains("ConnectException") ? m.replace("ConnectException", "connection refused")
                : m.contains("refused") ? m : m + ": connection refused";
    }

    private static String json(JacksonException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " (field " + m.getPathReference() + ")" : "";
        return "invalid JSON/YAML" + where + path + ": " + oneLine(e.getOriginalMessage());
    }

    private static CliError bad(Throwable cause, String what, String remedy) {
        return new CliError(CliError.BAD_INPUT, oneLine(what), remedy, cause);
    }

    private static CliError fail(Throwable cause, String what, String remedy) {
        return new CliError(CliError.FAILURE, oneLine(what), remedy, cause);
    }

    /** First line only: a message with a newline would break the one-line contract. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
