package io.inferdeck.services.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.gguf.ModelLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The profiles the Engine page offers: the built-in default first, then the saved ones (an unreadable file
 * is listed with its error). The default runs the embedded model on a port allocated once, so the listed
 * default and the running one are the same value and a diff between them is empty.
 * Engine-supervisor thread only.
 */
final class ProfileChoices {
    static final String DEFAULT_ENTRY = "default (embedded model)";
    private static final System.Logger LOG = System.getLogger(ProfileChoices.class.getName());

    private final ProfileLibrary library;
    private final EngineLauncher launcher;
    private DeploymentProfile defaultProfile;
    private List<ProfileLibrary.Entry> list = List.of();

    ProfileChoices(ProfileLibrary library, EngineLauncher launcher) {
        this.library = library;
        this.launcher = launcher;
    }

    DeploymentProfile defaultProfile() throws IOException {
        if (defaultProfile == null) {
            defaultProfile = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("default")
                    .model(launcher.defaultModel().toString()).quantization(ModelLibrary.DEFAULT_TYPE.name())
                    .port(FreePorts.allocate()).build();
        }
        return defaultProfile;
    }

    void reload() {
        List<ProfileLibrary.Entry> entries = new ArrayList<>();
        try {
            entries.add(new ProfileLibrary.Entry(DEFAULT_ENTRY, null, defaultProfile(), null));
        } catch (IOException e) {
            entries.add(new ProfileLibrary.Entry(DEFAULT_ENTRY, null, null, "no free port: " + e.getMessage()));
        }
        try {
            entries.addAll(library.list());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + library.dir(), e);
        }
        list = List.copyOf(entries);
    }

    List<ProfileLibrary.Entry> list() {
        return list;
    }
}
