package io.inferdeck.app.cli;

import io.inferdeck.app.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code inferdeck --version}: the same facts the About dialog shows ({@link BuildInfo#version()}). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return BuildInfo.version().lines().toArray(String[]::new);
    }
}
