package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.engine.EngineService;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.services.keys.ClientTarget;
import io.inferdeck.services.keys.ConsoleKey;
import io.inferdeck.services.keys.KeysFeed;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.keys.KeysView;
import io.inferdeck.views.keys.KeysViewModel;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The console's part of the gateway keys, beside {@link KeysWiring} (shared with {@code up}): the Keys page (its
 * {@link KeysFeed} reading keys.db on {@code gateway-keys} whenever it changes, Add and Revoke on its own
 * {@code keys-worker} thread) and the console's own client key for the Playground ({@link ConsoleKey}, made on
 * first need, revoked at {@link #close()}; keys left by consoles that died are swept when this one starts).
 * Owns {@code keys-worker}; closed before the {@link KeysWiring} it uses.
 */
final class ConsoleKeysWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConsoleKeysWiring.class.getName());

    private final KeysWiring keys;
    private final LiveBus bus;
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("keys-worker", 1);
    private final KeysFeed feed;
    private final KeysViewModel viewModel;
    private final Topic.Subscription subscription;
    private final ConsoleKey consoleKey;
    private ClientTarget client;
    private KeysView view;

    ConsoleKeysWiring(KeysWiring keys, FxDispatcher dispatcher, LiveBus bus) {
        this.keys = keys;
        this.bus = bus;
        feed = new KeysFeed(keys.service(), keys.thread(), bus.topic(KeysFeed.SNAPSHOTS), Clock.systemUTC());
        viewModel = new KeysViewModel(keys.service(), worker, dispatcher, ZoneId.systemDefault());
        subscription = bus.topic(KeysFeed.SNAPSHOTS).subscribe(viewModel::accept);
        consoleKey = new ConsoleKey(keys.service(), ProcessHandle.current().pid(), ConsoleKey::running);
        keys.thread().execute(this::sweep);
    }

    private void sweep() {
        try {
            List<ApiKey> swept = consoleKey.sweepOrphans();
            swept.forEach(k -> LOG.log(System.Logger.Level.INFO, "revoked " + k.name() + " (" + k.id() + "): its console no longer runs"));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "console keys of earlier consoles not swept: " + e.getMessage());
        }
    }

    /** FX thread: the Keys page, built once; the feed starts reading keys.db then. */
    KeysView view() {
        if (view == null) {
            feed.start();
            view = new KeysView(viewModel);
        }
        return view;
    }

    /**
     * FX thread, once (the Playground is built once): what the Playground's engine lane calls — {@code engine}, with
     * the console's key while the running deployment's gateway admits by the key store.
     */
    EngineTarget clientTarget(EngineTarget engine) {
        if (client == null) {
            client = new ClientTarget(engine, e -> running().filter(p -> ClientTarget.keyedGateway(p, e)).isPresent(),
                    consoleKey, keys.thread());
        }
        return client.target();
    }

    private Optional<io.inferdeck.control.profile.DeploymentProfile> running() {
        return bus.topic(EngineService.SNAPSHOTS).latest().map(EngineSnapshot::profile);
    }

    /** After the engines, before {@link KeysWiring#close()}: no new key is made, the console's key is revoked. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        feed.close();
        consoleKey.close();
        subscription.close();
        worker.close();
    }
}
