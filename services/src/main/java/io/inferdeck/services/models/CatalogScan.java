package io.inferdeck.services.models;

import java.nio.file.Path;
import java.util.List;

/** One scan of every store: the models in store order, and per store where it looked, how many it found and its notes. */
public record CatalogScan(List<DiscoveredModel> models, List<StoreReport> stores) {

    public CatalogScan {
        models = List.copyOf(models);
        stores = List.copyOf(stores);
    }

    public record StoreReport(String store, List<Path> roots, int models, List<String> notes) {
        public StoreReport {
            roots = List.copyOf(roots);
            notes = List.copyOf(notes);
        }
    }
}
