package io.inferdeck.app;

import io.inferdeck.safety.guard.GuardStages;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;

/**
 * The guard-model stages' HTTP client (one per process part that asks guard models: the CLI's safety commands,
 * `up`, the console): its work runs on virtual threads named {@code safety-guard-N}; API keys come from the
 * process environment.
 */
public final class GuardWiring {
    private GuardWiring() {
    }

    public static GuardStages stages() {
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("safety-guard-", 0).factory())).build();
        return new GuardStages(http, System::getenv);
    }
}
