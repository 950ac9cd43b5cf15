package io.inferdeck.control.launch;

import io.inferdeck.control.driver.EngineDriver;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.Hosts;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileValidator;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * "What will run": one {@link LaunchCommand} per replica for a profile, each argv rendered by the
 * engine's driver from {@link LaunchContext#drivers()}. Pure apart from looking for external binaries;
 * starts nothing. An attached engine (not {@link EngineDriver#launched}) renders no command;
 * {@link #plan} gives it one {@link LaunchCommand#attached() attach} entry instead. Thread-safe.
 */
public final class LaunchPlanner {
    private LaunchPlanner() {
    }

    /**
     * @throws ProfileException when the profile has validation errors (warnings do not block)
     * @throws LaunchException  when an external engine binary is missing or not executable
     */
    public static List<LaunchCommand> render(DeploymentProfile p, LaunchContext ctx)
            throws ProfileException, LaunchException {
        EngineDriver engine = validated(p, ctx);
        if (!engine.launched(p)) {
            return List.of();
        }
        List<LaunchCommand> commands = new ArrayList<>();
        for (ReplicaSlice r : ReplicaPlanner.plan(p, ctx)) {
            List<String> argv = engine.argv(p, r, ctx);
            Map<String, String> env = new HashMap<>(engine.environment(p, r));
            if (!r.gpus().isEmpty()) {
                env.put("CUDA_VISIBLE_DEVICES", CommandLineText.join(r.gpus()));
            }
            commands.add(new LaunchCommand(r.index(), r.host(), r.port(), Hosts.dialUrl(r.host(), r.port()), argv, env,
                    CommandLineText.display(env, argv, p.apiKey()), engine.health()));
        }
        return List.copyOf(commands);
    }

    /**
     * What a deployment runs: the rendered replicas of a launched engine, or for an attached one a single
     * entry with no argv that names its base URL and health check (nothing is started).
     */
    public static List<LaunchCommand> plan(DeploymentProfile p, LaunchContext ctx) throws ProfileException, LaunchException {
        EngineDriver engine = validated(p, ctx);
        if (engine.launched(p)) {
            return render(p, ctx);
        }
        URI url = engine.attachedUrl(p);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return List.of(new LaunchCommand(0, url.getHost(), port, url, List.of(), Map.of(),
                "attach " + url + " (health: GET " + engine.health().path() + ")", engine.health()));
    }

    private static EngineDriver validated(DeploymentProfile p, LaunchContext ctx) throws ProfileException {
        List<ProfileIssue> errors = ProfileValidator.validate(p, OptionalInt.empty(), ctx.drivers()).stream()
                .filter(ProfileIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new ProfileException("profile " + p.name(), errors);
        }
        return ctx.drivers().driver(p.engine());
    }

    /** Convenience for a UI: the display lines only, one per replica. */
    public static List<String> displayLines(DeploymentProfile p, LaunchContext ctx) throws ProfileException, LaunchException {
        return render(p, ctx).stream().map(LaunchCommand::display).toList();
    }
}
