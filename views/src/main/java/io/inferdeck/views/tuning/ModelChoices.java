package io.inferdeck.views.tuning;

import io.inferdeck.services.models.CatalogScan;
import io.inferdeck.services.models.DiscoveredModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The profile editor's model picker: every usable model the stores hold, as paths, each with a "name  (store)" label. FX thread only. */
final class ModelChoices {
    private final ObservableList<String> paths = FXCollections.observableArrayList();
    private final ObservableList<String> pathsView = FXCollections.unmodifiableObservableList(paths);
    private final Map<String, String> labels = new HashMap<>();

    void show(CatalogScan scan) {
        labels.clear();
        List<String> usable = scan.models().stream().filter(DiscoveredModel::usable).map(m -> {
            labels.putIfAbsent(m.path().toString(), m.name() + "  (" + m.store() + ")");
            return m.path().toString();
        }).distinct().toList();
        paths.setAll(usable);
    }

    ObservableList<String> paths() {
        return pathsView;
    }

    /** The label for a listed path; the path itself for any other. */
    String label(String path) {
        return labels.getOrDefault(path, path);
    }
}
