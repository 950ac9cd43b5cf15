package io.inferdeck.app.cli;

import io.inferdeck.common.plugin.PluginDirs;
import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.services.plugins.PluginAdmin;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck plugins list|enable|disable}: the jars in the plugins folder (and plugins on the class
 * path), what each provides and whether it loads; a switch is saved in the disabled list and applies when
 * InferDeck next starts. docs/plugins.md says how to write and install one.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Engine and safety-stage plugins: jars in $XDG_DATA_HOME/inferdeck/plugins (docs/plugins.md).")
public final class PluginsCommand implements Callable<Integer> {
    private static final String FORMAT = "%-20s %-10s %-13s %-20s %-9s %s%n";
    private static final String REMEDY = "`inferdeck plugins list` shows the installed plugins";

    @Spec CommandSpec spec;
    private final PluginAdmin admin;

    public PluginsCommand() {
        this(new PluginAdmin(PluginDirs.fromEnvironment(), PluginsCommand.class.getClassLoader()));
    }

    /** Over another folder and disabled list (tests). */
    public PluginsCommand(PluginAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", description = "Every plugin: name, version, kind, what it provides, state (enabled, disabled, refused and why), source.")
    int list() throws IOException {
        print(admin.list());
        return 0;
    }

    @Command(name = "enable", description = "Load the plugin again from the next start on.")
    int enable(@Parameters(paramLabel = "NAME", description = "The plugin's name as `plugins list` shows it.") String name) throws IOException {
        return switchTo(name, true);
    }

    @Command(name = "disable", description = "Stop loading the plugin from the next start on: its engines and stages are gone from InferDeck.")
    int disable(@Parameters(paramLabel = "NAME", description = "The plugin's name as `plugins list` shows it.") String name) throws IOException {
        return switchTo(name, false);
    }

    private int switchTo(String name, boolean enabled) throws IOException {
        try {
            admin.setEnabled(name, enabled);
        } catch (IllegalArgumentException e) {
            throw CliError.badInput(e.getMessage(), REMEDY);
        }
        spec.commandLine().getOut().println((enabled ? "enabled" : "disabled") + " plugin '" + name + "' (saved in "
                + admin.dirs().disabledFile() + "); a running console or `up` keeps what it loaded until it restarts");
        return 0;
    }

    private void print(List<PluginEntry> entries) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("plugins folder: " + admin.dirs().folder());
        if (entries.isEmpty()) {
            out.println("no plugins installed");
            return;
        }
        out.printf(FORMAT, "NAME", "VERSION", "KIND", "PROVIDES", "STATE", "SOURCE");
        for (PluginEntry e : entries) {
            out.printf(FORMAT, e.plugin(), e.version().orElse("-"), e.kind(), e.provides(),
                    e.state().name().toLowerCase(java.util.Locale.ROOT), e.source());
            e.reason().ifPresent(r -> out.println("    refused: " + r));
        }
    }
}
