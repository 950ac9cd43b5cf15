package io.inferdeck.app.cli;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.NewKey;
import io.inferdeck.services.keys.KeyService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck keys}: the gateway's API keys (profiles with {@code gateway.keys: true}) — add, list, revoke,
 * usage. A gateway running in another process ({@code up}, the console) re-reads revocations every few seconds.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "API keys of the InferDeck gateway (profiles with gateway.keys: true), in <data dir>/keys.db.",
        subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class, KeysUsageCommand.class})
public final class KeysCommand implements Callable<Integer> {
    static final String LIST_REMEDY = "`inferdeck keys list` shows the keys";

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code --db FILE}, default {@code <data dir>/keys.db}. */
    static final class Db {
        @Option(names = "--db", paramLabel = "FILE", description = "Key database (default: <data dir>/keys.db).") Path file;

        /** Blocking use only: the snapshot executor is the caller's thread. */
        KeyService open() {
            return new KeyService(file != null ? file : KeyStore.defaultLocation(System.getenv()), Clock.systemUTC(), Runnable::run);
        }
    }

    /** What the store refuses because of what the user typed (name, limits, unknown or revoked key) is bad input. */
    interface KeyCall<T> {
        T run() throws IOException;
    }

    static <T> T badInputOn(KeyCall<T> call, String remedy) throws IOException {
        try {
            return call.run();
        } catch (IllegalArgumentException e) {
            throw CliError.badInput(e.getMessage(), remedy);
        }
    }

    static String limit(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "-";
    }

    static String limit(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "-";
    }

    static String time(Instant t) {
        return t.toString().substring(0, 19);
    }

    @Command(name = "add", description = "Create a key and print it once (it is stored only hashed); limits left out are unlimited.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Parameters(paramLabel = "NAME", description = "Unique among active keys: letters, digits, '.', '_', '-'.") String name;
        @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute.") Integer rpm;
        @Option(names = "--tpm", paramLabel = "N", description = "Tokens (prompt + completion) per minute.") Long tpm;
        @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once.") Integer concurrency;

        @Override
        public Integer call() throws Exception {
            KeyLimits limits = badInputOn(() -> KeyLimits.of(rpm, tpm, concurrency), "give --rpm, --tpm, --concurrency >= 1, or leave them out");
            try (KeyService keys = db.open()) {
                NewKey k = badInputOn(() -> keys.add(name, limits), LIST_REMEDY);
                spec.commandLine().getOut().println(k.secret());   // stdout holds only the key: KEY=$(inferdeck keys add NAME)
                spec.commandLine().getErr().println(CliErrorHandler.name(spec.commandLine()) + ": key '" + k.key().name()
                        + "' (id " + k.key().id() + ") created; this is the only time it is shown — store it now, it cannot be shown again");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Every key with its limits, created and revoked times (UTC); never the key itself.")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (KeyService keys = db.open()) {
                out.printf("%-9s  %-24s %8s %10s %5s  %-19s  %s%n", "id", "name", "rpm", "tpm", "conc", "created (UTC)", "revoked (UTC)");
                for (ApiKey k : keys.list()) {
                    out.printf(Locale.ROOT, "%-9s  %-24s %8s %10s %5s  %-19s  %s%n", k.id(), k.name(),
                            limit(k.limits().requestsPerMinute()), limit(k.limits().tokensPerMinute()), limit(k.limits().concurrency()),
                            time(k.created()), k.revoked().map(KeysCommand::time).orElse("-"));
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key by name or id; running gateways refuse it within seconds.")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Parameters(paramLabel = "NAME|ID") String key;

        @Override
        public Integer call() throws Exception {
            try (KeyService keys = db.open()) {
                ApiKey k = badInputOn(() -> keys.revoke(key), LIST_REMEDY);
                spec.commandLine().getOut().println("revoked key '" + k.name() + "' (id " + k.id() + ") at " + k.revoked().orElseThrow());
            }
            return 0;
        }
    }
}
