package io.inferdeck.services.about;

import io.inferdeck.services.models.FileManager;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The About dialog's facts and its one command: open one of InferDeck's folders in the desktop's file manager
 * (created first if it does not exist yet, so the button works on a fresh install). {@link #open} blocks on
 * the desktop: call it on a worker. Thread-safe.
 */
public final class AboutService {
    private final AboutInfo info;
    private final FileManager files;

    public AboutService(AboutInfo info, FileManager files) {
        this.info = info;
        this.files = files;
    }

    public AboutInfo info() {
        return info;
    }

    /** False on a desktop without a file manager InferDeck can drive (the dialog hides the buttons). */
    public boolean canOpenFolders() {
        return files.supported();
    }

    /** @throws IllegalArgumentException for a folder this dialog does not show (nothing else is opened) */
    public void open(AboutInfo.Folder folder) throws IOException {
        if (!info.folders().contains(folder)) {
            throw new IllegalArgumentException("not one of InferDeck's folders: " + folder.path());
        }
        Files.createDirectories(folder.path());
        files.openFolder(folder.path());
    }
}
