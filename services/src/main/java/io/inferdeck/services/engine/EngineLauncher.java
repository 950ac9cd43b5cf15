package io.inferdeck.services.engine;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.PreStartChecks;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileRules;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The one path from a profile to a supervised {@link Deployment}, shared by the console's
 * {@link EngineService} and the headless {@code up} command. {@link #prepare} resolves the profile (a
 * builtin without a model runs the embedded default model) and writes that model on first use: it blocks
 * for seconds, so it runs on a worker, never on {@code engine-supervisor}. {@link #deploy} only checks
 * ports and renders commands. Thread-safe: no mutable state.
 */
public final class EngineLauncher {
    private final ModelLibrary models;
    private final LaunchContext launch;
    private final Path workRoot;
    private final ScheduledExecutorService supervisor;
    private final Clock clock;
    private final Function<DeploymentProfile, GatewayExtensions> gatewayParts;
    private final ProfileRules rules;

    /**
     * @param workRoot   where each replica's folder and log files go
     * @param supervisor the {@code engine-supervisor} executor the deployments' supervisors run on
     */
    public EngineLauncher(ModelLibrary models, LaunchContext launch, Path workRoot, ScheduledExecutorService supervisor,
                          Clock clock) {
        this(models, launch, workRoot, supervisor, clock, profile -> GatewayExtensions.NONE);
    }

    /**
     * @param gatewayParts what each deployment's gateway needs from outside the control module (key store,
     *                     live safety filters), built from the resolved profile; called on a worker thread
     */
    public EngineLauncher(ModelLibrary models, LaunchContext launch, Path workRoot, ScheduledExecutorService supervisor,
                          Clock clock, Function<DeploymentProfile, GatewayExtensions> gatewayParts) {
        this(models, launch, workRoot, supervisor, clock, gatewayParts, ProfileRules.of(launch.drivers()));
    }

    /**
     * @param rules what {@link #prepare} checks profiles against: {@code launch}'s drivers and, when the caller knows
     *              them, the stage ids a {@code gateway.safety} block may name (those {@code gatewayParts} builds)
     */
    public EngineLauncher(ModelLibrary models, LaunchContext launch, Path workRoot, ScheduledExecutorService supervisor,
                          Clock clock, Function<DeploymentProfile, GatewayExtensions> gatewayParts, ProfileRules rules) {
        this.rules = rules;
        this.gatewayParts = gatewayParts;
        this.models = models;
        this.launch = launch;
        this.workRoot = workRoot;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    /** The embedded default model's path (it may not be written yet). */
    public Path defaultModel() {
        return models.defaultModel();
    }

    public LaunchContext context() {
        return launch;
    }

    /** What {@link #prepare} checks profiles against. */
    public ProfileRules rules() {
        return rules;
    }

    /** {@code profile} as the engine will run it: a builtin without a model gets the embedded default model. */
    public DeploymentProfile resolve(DeploymentProfile profile) {
        if (launch.drivers().driver(profile.engine()).runsDefaultModel() && (profile.model() == null || profile.model().isBlank())) {
            return profile.toBuilder().model(defaultModel().toString()).build();
        }
        return profile;
    }

    /**
     * Resolves {@code profile}, writes the embedded model if it runs that and it is missing, then runs the
     * {@link PreStartChecks} (model file, trained context, replicas against this machine's cores, every
     * profile rule), so nothing starts that cannot run. Blocking: a worker thread.
     *
     * @throws ProfileException naming every error found
     */
    public DeploymentProfile prepare(DeploymentProfile profile) throws IOException, ProfileException {
        DeploymentProfile resolved = resolve(profile);
        if (defaultModel().toString().equals(resolved.model())) {
            models.ensure(LlamaModelSpec.DEFAULT, List.of(ModelLibrary.DEFAULT_TYPE), (type, bytes) -> { });
        }
        List<ProfileIssue> errors = PreStartChecks.check(resolved, Runtime.getRuntime().availableProcessors(), rules)
                .stream().filter(ProfileIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new ProfileException("profile " + resolved.name(), errors);
        }
        return resolved;
    }

    /** A deployment of a resolved profile, not started; it points {@code target} at itself while a replica is Ready. */
    public Deployment deploy(DeploymentProfile resolved, EngineTarget target)
            throws IOException, ProfileException, LaunchException {
        return Deployment.of(resolved, launch, workRoot, target, supervisor, RestartPolicy.DEFAULT, clock, gatewayParts);
    }
}
