package io.inferdeck.app.cli;

import io.inferdeck.app.GuardWiring;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.guard.GuardPrompt;
import io.inferdeck.safety.guard.GuardSettings;
import io.inferdeck.safety.guard.GuardStage;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The guard-model stage's options (a picocli mixin of {@link SafetyOptions}): off unless {@code --guard-url} is
 * given. The API key is read from the environment variable {@code --guard-key-env} names, never from argv.
 */
final class GuardOptions {
    @Option(names = "--guard-url", paramLabel = "URL", description = "Engine serving a guard model (Llama Guard 3), e.g. http://127.0.0.1:8081; adds the 'guard' stage.")
    URI url;

    @Option(names = "--guard-model", paramLabel = "NAME", defaultValue = "llama-guard3", description = "Model name the engine serves the guard under (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--guard-key-env", paramLabel = "VAR", description = "Environment variable holding the engine's API key.")
    String keyEnv;

    @Option(names = "--guard-timeout", defaultValue = "2s", converter = DurationConverter.class, description = "Whole-call limit per guard question (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--guard-on-failure", defaultValue = "review", description = "What a failed guard call decides: allow (fail open), review or block (default: ${DEFAULT-VALUE}).")
    String onFailure;

    @Option(names = "--guard-prompt", defaultValue = "template", description = "template (the engine's Llama Guard chat template builds the task) or inline (InferDeck writes the documented task text) (default: ${DEFAULT-VALUE}).")
    String prompt;

    /**
     * The guard stage these options ask for, or empty. Its HTTP client ({@link GuardWiring}) lives as long as the
     * command.
     *
     * @throws IllegalArgumentException for a bad URL, timeout, failure decision or prompt style
     */
    Optional<GuardStage> stage() {
        if (url == null) {
            return Optional.empty();
        }
        GuardSettings s = new GuardSettings(url, model, Optional.ofNullable(keyEnv), timeout,
                GuardSettings.DEFAULT_MAX_REPLY_BYTES, Decision.parse(onFailure),
                GuardPrompt.valueOf(prompt.strip().toUpperCase(Locale.ROOT)));
        return Optional.of(GuardWiring.stages().stage(s));
    }
}
