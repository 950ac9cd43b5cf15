package io.inferdeck.services.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Shows a file, or opens a folder, in the desktop's file manager. The composition root supplies the desktop's (or {@link #NONE} where
 * there is none: a headless machine, a desktop without the action); the page hides Reveal when it is unsupported.
 * {@link #reveal} and {@link #openFolder} may block while the desktop starts its file manager: call them on a worker.
 */
public interface FileManager {
    FileManager NONE = new FileManager() {
        @Override
        public boolean supported() {
            return false;
        }

        @Override
        public void reveal(Path file) throws IOException {
            throw new IOException("this desktop has no file manager InferDeck can open");
        }

        @Override
        public void openFolder(Path folder) throws IOException {
            reveal(folder);
        }
    };

    boolean supported();

    void reveal(Path file) throws IOException;

    /** Opens the folder itself (not its parent, as {@link #reveal} of it would on most Linux desktops). */
    void openFolder(Path folder) throws IOException;
}
