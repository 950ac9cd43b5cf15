package io.inferdeck.services.fleet;

import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code fleet.yaml} (or {@code .json}) as strictly as profiles are read ({@link ProfileFiles#read}):
 * an unknown field, a wrong type or an invalid value is a {@link FleetFileException} naming the field and line.
 */
public final class FleetFiles {
    /** A fleet of a thousand nodes is well under this; a larger file is not an inventory. */
    static final int MAX_BYTES = 1 << 20;

    private FleetFiles() {
    }

    public static FleetInventory load(Path file) throws IOException, FleetFileException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new FleetFileException(file + ": not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new FleetFileException(file + ": larger than " + MAX_BYTES / 1024 + " KiB: not a fleet file");
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8), ProfileFiles.formatOf(file), file.toString());
        } catch (ProfileException e) {
            throw new FleetFileException(e.getMessage());
        }
    }

    public static FleetInventory parse(String text, ProfileFiles.Format format, String source) throws FleetFileException {
        try {
            return ProfileFiles.read(text, format, source, FleetInventory.class, "fleet file");
        } catch (ProfileException e) {
            throw new FleetFileException(e.getMessage());
        }
    }
}
