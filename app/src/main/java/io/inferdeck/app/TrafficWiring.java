package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.traffic.TrafficFeed;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.traffic.TrafficView;
import io.inferdeck.views.traffic.TrafficViewModel;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Traffic page's part of the composition root: a {@link TrafficFeed} polling the current deployment's
 * gateway request log once a second on its own {@code traffic-poller} thread (a poll waits on HTTP, so it
 * shares no thread), its topic connected to the page's view-model. {@link #close()} stops the poller.
 */
final class TrafficWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrafficWiring.class.getName());

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("traffic-poller").daemon(true).factory());
    private final TrafficFeed feed;
    private final TrafficViewModel viewModel;
    private final Topic.Subscription subscription;
    private TrafficView view;

    TrafficWiring(FxDispatcher dispatcher, LiveBus bus, EngineTarget target) {
        viewModel = new TrafficViewModel(dispatcher, ZoneId.systemDefault());
        feed = new TrafficFeed(target::current, TrafficFeed.http(TrafficFeed.DEFAULT_TIMEOUT), bus.topic(TrafficFeed.SNAPSHOTS));
        subscription = bus.topic(TrafficFeed.SNAPSHOTS).subscribe(viewModel::accept);
        feed.start(poller, TrafficFeed.DEFAULT_PERIOD);
    }

    /** FX thread: the Traffic page, built once. */
    TrafficView view() {
        if (view == null) {
            view = new TrafficView(viewModel);
        }
        return view;
    }

    @Override
    public void close() {
        subscription.close();
        feed.close();
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "traffic-poller did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
