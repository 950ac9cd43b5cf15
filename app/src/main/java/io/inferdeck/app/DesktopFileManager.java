package io.inferdeck.app;

import io.inferdeck.services.models.FileManager;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The desktop's file manager through {@link Desktop}: the file selected in its folder where the desktop can do that
 * ({@code BROWSE_FILE_DIR}: Windows, macOS), else the folder opened ({@code OPEN}: most Linux desktops). Asked once,
 * at construction, off the FX thread (AWT starts its toolkit on first use); unsupported on a headless machine.
 */
final class DesktopFileManager implements FileManager {
    private final Desktop desktop;
    private final boolean select;
    private final boolean open;

    DesktopFileManager() {
        Desktop d = null;
        boolean s = false;
        boolean o = false;
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()) {
                d = Desktop.getDesktop();
                s = d.isSupported(Desktop.Action.BROWSE_FILE_DIR);
                o = d.isSupported(Desktop.Action.OPEN);
            }
        } catch (RuntimeException | LinkageError e) {   // no AWT on this JVM or desktop: Reveal stays hidden
            d = null;
        }
        desktop = d;
        select = s;
        open = o;
    }

    @Override
    public boolean supported() {
        return desktop != null && (select || open);
    }

    @Override
    public void reveal(Path file) throws IOException {
        if (!supported()) {
            FileManager.NONE.reveal(file);
        } else if (select) {
            desktop.browseFileDirectory(file.toFile());
        } else {
            desktop.open(file.toAbsolutePath().getParent().toFile());
        }
    }

    @Override
    public void openFolder(Path folder) throws IOException {
        if (desktop == null || !open) {
            FileManager.NONE.openFolder(folder);
        } else {
            desktop.open(folder.toFile());
        }
    }
}
