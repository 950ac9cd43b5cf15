package io.inferdeck.services.models;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders the operator added to the Models page, kept by the composition root (in the console's settings).
 * Thread-safe: read on the models worker, added to from the page's commands.
 */
public interface ModelFolders {

    List<Path> folders();

    /** Adds {@code folder} (absolute; a folder already listed is not added twice) and persists the list. */
    void add(Path folder);

    /** In memory only: for tests and the headless commands. */
    static ModelFolders inMemory(List<Path> initial) {
        java.util.concurrent.CopyOnWriteArrayList<Path> list = new java.util.concurrent.CopyOnWriteArrayList<>(initial);
        return new ModelFolders() {
            @Override
            public List<Path> folders() {
                return List.copyOf(list);
            }

            @Override
            public void add(Path folder) {
                list.addIfAbsent(folder.toAbsolutePath().normalize());
            }
        };
    }
}
