package io.inferdeck.control.supervisor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Severity of an engine log line. Engines write stdout and stderr merged and without a common format,
 * so the level is read from the markers each engine uses: vLLM/Python ({@code INFO 11-29 ...},
 * {@code WARNING}), llama.cpp ({@code E }/{@code W } prefixes, {@code error:}), the built-in runner
 * ({@code inferdeck-runner: error: ...}), the supervisor's own {@code [inferdeck]} lines and Java/Python
 * stack traces. A line with no marker that continues a stack trace inherits the previous line's level.
 */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR;

    private static final Pattern ERROR_WORDS = Pattern.compile(
            "\\b(error|fatal|exception|traceback|failed|failure|could not|cannot|crash(ed)?|abort(ed)?|segmentation fault)\\b");
    private static final Pattern WARN_WORDS = Pattern.compile("\\b(warn|warning|deprecated|exited with code|restarting)\\b");
    private static final Pattern DEBUG_WORDS = Pattern.compile("^(debug\\b|d |\\[debug\\])");
    private static final Pattern CONTINUATION = Pattern.compile("^(\\s+|at |caused by:|\\.\\.\\. \\d+ more)");

    /** The level of {@code line}; {@code previous} is the level of the line before it (for continuations). */
    public static LogLevel classify(String line, LogLevel previous) {
        String l = line.toLowerCase(Locale.ROOT);
        String body = l.replaceFirst("^\\[\\d+] ", "");     // replica prefix added by the console
        if (previous != null && previous.compareTo(INFO) > 0 && CONTINUATION.matcher(body).find()) {
            return previous;
        }
        if (body.startsWith("error") || body.startsWith("e ") || body.startsWith("critical")
                || ERROR_WORDS.matcher(body).find()) {
            return ERROR;
        }
        if (body.startsWith("warn") || body.startsWith("w ") || WARN_WORDS.matcher(body).find()) {
            return WARN;
        }
        if (DEBUG_WORDS.matcher(body).find()) {
            return DEBUG;
        }
        return INFO;
    }

    /** Levels of a whole tail, in order, so continuations resolve against their real predecessor. */
    public static List<LogLevel> classifyAll(List<String> lines) {
        LogLevel[] out = new LogLevel[lines.size()];
        LogLevel prev = null;
        for (int i = 0; i < out.length; i++) {
            prev = out[i] = classify(lines.get(i), prev);
        }
        return List.of(out);
    }

    /**
     * The engine's last error line in {@code lines}, judged on its own (a stack frame is not a reason) and
     * skipping the supervisor's own {@code [inferdeck]} notes; else the engine's last non-blank line; empty
     * when the engine wrote nothing. Used as the one-line reason of a startup failure; a generic "could not
     * load the model" line carries llama.cpp's own reason from earlier lines ({@link LoadRefusal}).
     */
    public static Optional<String> lastError(List<String> lines) {
        List<String> engine = lines.stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("[inferdeck]")).toList();
        for (int i = engine.size() - 1; i >= 0; i--) {
            if (classify(engine.get(i), null) == ERROR) {
                return Optional.of(LoadRefusal.explain(engine.get(i), engine.subList(0, i)));
            }
        }
        return engine.isEmpty() ? Optional.empty() : Optional.of(engine.getLast());
    }
}
