package io.inferdeck.services.engine;

import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.Replica;
import io.inferdeck.services.bus.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link EngineSnapshot}s of a deployment and publishes them on the engine topic. It also tells the
 * service when a replica logged since the last snapshot ({@link #logMoved}): the log rings count their
 * lines, so comparing one counter per replica finds new lines without copying them. Engine-supervisor
 * thread only.
 */
final class SnapshotPublisher {
    /** Log lines per snapshot, shared by the replicas. */
    static final int LOG_LINES = 400;
    private static final String CLASS_PATH = "<console class path>";

    private final Topic<EngineSnapshot> topic;
    private final String classpath;
    private Deployment marked;
    private long markedLines;

    SnapshotPublisher(Topic<EngineSnapshot> topic, String classpath) {
        this.topic = topic;
        this.classpath = classpath;
    }

    boolean logMoved(Deployment d) {
        return d != null && (d != marked || lines(d) != markedLines);
    }

    void idle(String profileName, String reason, List<ProfileLibrary.Entry> choices) {
        marked = null;
        topic.publish(EngineSnapshot.idle(profileName, reason).withChoices(choices));
    }

    void publish(String profileName, Deployment d, List<ProfileLibrary.Entry> choices, java.util.Optional<String> offloadWarning) {
        marked = d;
        markedLines = lines(d);   // read before the tails: a line added meanwhile shows in the next snapshot too
        List<Replica> replicas = d.replicas();
        List<String> log = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            String prefix = replicas.size() > 1 ? "[" + i + "] " : "";
            replicas.get(i).log().tail(LOG_LINES / replicas.size()).forEach(l -> log.add(prefix + shorten(l)));
        }
        List<String> commands = d.commands().stream().map(LaunchCommand::display).map(this::shorten).toList();
        topic.publish(new EngineSnapshot(profileName, d.profile(), replicas.stream().map(Replica::state).toList(),
                commands, log, choices, offloadWarning));
    }

    /** "tiny-one · tiny-q4_0.gguf": the profile and the model file it runs. */
    static String profileName(DeploymentProfile p) {
        return (p.name() == null ? "unnamed" : p.name()) + " · "
                + (p.model() == null ? p.engine().id() : Path.of(p.model()).getFileName());
    }

    private String shorten(String line) {
        return line.replace(classpath, CLASS_PATH);
    }

    private static long lines(Deployment d) {
        return d.replicas().stream().mapToLong(r -> r.log().appended()).sum();
    }
}
