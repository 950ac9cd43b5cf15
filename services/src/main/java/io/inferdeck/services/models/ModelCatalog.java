package io.inferdeck.services.models;

import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelFacts;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.bus.TopicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every GGUF model the {@link ModelStore}s find, with the facts read from its header ({@link ModelFacts}); a file
 * that cannot be read is listed with a one-line reason, never dropped and never thrown. Scans run on
 * {@code worker} (the composition root's {@code models-io} thread) and are published on {@link #SCANS}; requests
 * that arrive while one is queued share it. Never downloads, never writes into a store.
 */
public final class ModelCatalog {
    public static final TopicKey<CatalogScan> SCANS = TopicKey.of("models", CatalogScan.class);

    private final List<ModelStore> stores;
    private final ScanLimits limits;
    private final ModelFolders folders;
    private final Executor worker;
    private final Topic<CatalogScan> topic;
    private final AtomicBoolean queued = new AtomicBoolean();

    public ModelCatalog(List<ModelStore> stores, ScanLimits limits, ModelFolders folders, Executor worker, Topic<CatalogScan> topic) {
        this.stores = List.copyOf(stores);
        this.limits = limits;
        this.folders = folders;
        this.worker = worker;
        this.topic = topic;
    }

    /** Any thread: scans again on the worker; the result arrives on {@link #SCANS}. */
    public void refresh() {
        if (!queued.getAndSet(true)) {
            worker.execute(() -> {
                queued.set(false);
                topic.publish(scan());
            });
        }
    }

    /** Any thread: remembers {@code folder} among the operator's folders, then scans again. */
    public void addFolder(Path folder) {
        worker.execute(() -> {
            folders.add(folder);
            topic.publish(scan());
        });
    }

    /** Blocking: walks every store and reads every model's header. */
    public CatalogScan scan() {
        List<DiscoveredModel> models = new ArrayList<>();
        List<CatalogScan.StoreReport> reports = new ArrayList<>();
        for (ModelStore store : stores) {
            ModelStore.Listing listing;
            try {
                listing = store.list(limits);
            } catch (RuntimeException e) {   // a store's bug must not hide the other stores
                reports.add(new CatalogScan.StoreReport(store.label(), List.of(), 0, List.of("scan failed: " + e)));
                continue;
            }
            listing.found().forEach(f -> models.add(read(store.label(), f)));
            reports.add(new CatalogScan.StoreReport(store.label(), listing.roots(), listing.found().size(), listing.notes()));
        }
        return new CatalogScan(models, reports);
    }

    private static DiscoveredModel read(String store, ModelStore.Found f) {
        OptionalLong size = size(f.parts());
        if (f.problem().isPresent()) {
            return new DiscoveredModel(f.name(), store, f.parts(), size, Optional.empty(), f.problem());
        }
        try {
            return new DiscoveredModel(f.name(), store, f.parts(), size, Optional.of(ModelFacts.read(f.parts())), Optional.empty());
        } catch (GgufFormatException e) {
            return new DiscoveredModel(f.name(), store, f.parts(), size, Optional.empty(), Optional.of(oneLine(e.getMessage())));
        } catch (RuntimeException e) {   // an unexpected shape in a header: still one line, still listed
            return new DiscoveredModel(f.name(), store, f.parts(), size, Optional.empty(), Optional.of("unreadable: " + oneLine(e.toString())));
        }
    }

    private static OptionalLong size(List<Path> parts) {
        long total = 0;
        boolean any = false;
        for (Path p : parts) {
            try {
                total += Files.size(p);
                any = true;
            } catch (IOException e) {
                // a missing part: the listing's problem says so
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
