package io.inferdeck.control.supervisor;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a generic "could not load the model" line into llama.cpp's own reason. When llama.cpp refuses a file
 * its loader logs {@code llama_model_load: error loading model: REASON} (LLAMA_LOG_ERROR in llama.cpp's
 * model loader), and only then do its callers report a bare "failed to load model" — the built-in runner adds
 * "(details in the llama.cpp log above)". The operator should read REASON in one line instead of searching
 * the engine log. Pure; thread-safe.
 */
final class LoadRefusal {
    private static final Pattern REASON = Pattern.compile("error loading model:\\s*(.+)$");
    private static final Pattern GENERIC = Pattern.compile(
            "(could not load|failed to load model|unable to load model)", Pattern.CASE_INSENSITIVE);
    private static final String SEE_ABOVE = "(details in the llama.cpp log above)";

    private LoadRefusal() {
    }

    /**
     * {@code line} with llama.cpp's reason from the lines before it when {@code line} is a generic load
     * failure and such a reason was logged; else {@code line} unchanged.
     *
     * @param before the engine's lines preceding {@code line}, oldest first
     */
    static String explain(String line, List<String> before) {
        if (!GENERIC.matcher(line).find()) {
            return line;
        }
        Optional<String> reason = lastReason(before);
        if (reason.isEmpty()) {
            return line;
        }
        String stripped = line.replace(SEE_ABOVE, "").strip();
        return stripped + (stripped.endsWith(":") ? " " : ": ") + "llama.cpp says: " + reason.get();
    }

    private static Optional<String> lastReason(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = REASON.matcher(lines.get(i));
            if (m.find()) {
                return Optional.of(m.group(1).strip());
            }
        }
        return Optional.empty();
    }
}
