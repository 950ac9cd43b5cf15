package io.inferdeck.services.engine;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.profile.ProfileRules;
import io.inferdeck.control.profile.ProfileValidator;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.bus.TopicKey;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The console's engine: one {@link Deployment} at a time, built by the {@link EngineLauncher}, driven by
 * {@link EngineControl} commands whose stages report Ready or why not (see {@link ReadinessWatch}).
 *
 * <p>Threads, both owned by the composition root: state lives on {@code engine-supervisor} (the
 * deployments' own executor), so it needs no locks; blocking work (writing the embedded model, waiting for
 * an old deployment to exit) runs on {@code worker}, which keeps the supervisor free to publish.
 *
 * <p>Snapshots go to {@link #SNAPSHOTS} on every replica state change, on profile reloads and failures,
 * and when a replica logged: the log rings have no change notification, so a {@value #LOG_CHECK_MS} ms
 * check compares their line counters and publishes only when one moved (which also caps a chatty engine
 * at four snapshots a second). Nothing is published while nothing changes.
 */
public final class EngineService implements EngineControl, AutoCloseable {
    public static final TopicKey<EngineSnapshot> SNAPSHOTS = TopicKey.of("engine", EngineSnapshot.class);
    static final long LOG_CHECK_MS = 250;
    private static final System.Logger LOG = System.getLogger(EngineService.class.getName());

    private final ScheduledExecutorService exec;
    private final Executor worker;
    private final EngineLauncher launcher;
    private final EngineTarget target;
    private final ProfileChoices choices;
    private final EnginePids pids;
    private final SnapshotPublisher snapshots;
    private final ScheduledFuture<?> logCheck;
    // volatile: close() runs on the owner's thread; every other access is on engine-supervisor
    private volatile Deployment deployment;
    private volatile CompletableFuture<Applied> current = CompletableFuture.completedFuture(null);
    private ReadinessWatch watch;
    /** The running deployment's offload warning (see {@link OffloadCheck}); engine-supervisor only. */
    private java.util.Optional<String> offload = java.util.Optional.empty();
    private boolean offloadAsked;
    private String profileName = "default (embedded model, Q4_0)";
    private String idleReason = "not started";

    /**
     * @param supervisor the {@code engine-supervisor} executor (also the launcher's)
     * @param worker     runs blocking steps of a start: model generation, closing the old deployment
     */
    public EngineService(ScheduledExecutorService supervisor, Executor worker, EngineLauncher launcher,
                         ProfileLibrary library, EngineTarget target, EnginePidRegistry pids, Topic<EngineSnapshot> topic) {
        this.exec = supervisor;
        this.worker = worker;
        this.launcher = launcher;
        this.target = target;
        this.choices = new ProfileChoices(library, launcher);
        this.pids = new EnginePids(pids);
        this.snapshots = new SnapshotPublisher(topic, launcher.context().classpath());
        exec.execute(() -> {
            choices.reload();
            publish();
        });
        logCheck = exec.scheduleWithFixedDelay(() -> {
            if (snapshots.logMoved(deployment)) {
                publish();
            }
        }, LOG_CHECK_MS, LOG_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Applied> start() {
        return command(outcome -> {
            if (deployment == null) {
                startDefault(outcome);
            } else {
                rerun(outcome, false, "superseded by Start");
            }
        });
    }

    @Override
    public CompletionStage<Applied> restart() {
        return command(outcome -> {
            if (deployment == null) {
                startDefault(outcome);
            } else {
                rerun(outcome, true, "superseded by Restart");
            }
        });
    }

    @Override
    public CompletionStage<Applied> apply(DeploymentProfile profile) {
        var errors = ProfileValidator.validate(profile, OptionalInt.empty(), launcher.rules()).stream().filter(ProfileIssue::isError).toList();
        if (!errors.isEmpty()) {
            return CompletableFuture.failedFuture(new ApplyFailure("invalid profile: "
                    + errors.stream().map(ProfileIssue::toString).collect(Collectors.joining("; "))));
        }
        return command(outcome -> replace(profile, outcome));
    }

    @Override
    public ProfileRules profileRules() {
        return launcher.rules();
    }

    @Override
    public CompletionStage<Void> stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        exec.execute(() -> {
            current.completeExceptionally(new ApplyFailure("stopped before it was Ready"));
            if (deployment == null) {
                stopped.complete(null);
            } else {
                deployment.stop().whenComplete((v, e) -> stopped.complete(null));
            }
        });
        return stopped;
    }

    @Override
    public void refreshProfiles() {
        exec.execute(() -> {
            choices.reload();
            publish();
        });
    }

    /** Runs {@code step} on engine-supervisor with a fresh outcome, which it returns at once. */
    private CompletionStage<Applied> command(java.util.function.Consumer<CompletableFuture<Applied>> step) {
        CompletableFuture<Applied> outcome = new CompletableFuture<>();
        exec.execute(() -> step.accept(outcome));
        return outcome;
    }

    private void startDefault(CompletableFuture<Applied> outcome) {
        try {
            replace(choices.defaultProfile(), outcome);
        } catch (java.io.IOException e) {
            failed(outcome, "could not start: " + e.getMessage(), e);
        }
    }

    /** Engine-supervisor: starts the current deployment again, stopping it first when {@code stopFirst}. */
    private void rerun(CompletableFuture<Applied> outcome, boolean stopFirst, String supersedes) {
        takeOver(outcome, supersedes);
        Deployment d = deployment;
        CompletableFuture<Void> stopped = stopFirst ? d.stop() : CompletableFuture.completedFuture(null);
        stopped.thenRunAsync(() -> {
            if (!outcome.isDone() && d == deployment) {
                arm(outcome, d);
                d.start();
            }
        }, exec);
    }

    /**
     * Engine-supervisor: stops what runs and starts {@code profile}. Closing the old deployment waits for
     * its processes to exit, which needs this very thread, so it runs on the worker together with the
     * model step; its replicas show Stopping meanwhile, and the new ones start once the old processes have
     * exited (a profile on the same port can then bind). A command issued meanwhile wins.
     */
    private void replace(DeploymentProfile profile, CompletableFuture<Applied> outcome) {
        takeOver(outcome, "superseded by another apply");
        Deployment old = deployment;
        CompletableFuture.supplyAsync(() -> {
            if (old != null) {
                old.close();
            }
            try {
                return launcher.prepare(profile);
            } catch (java.io.IOException | io.inferdeck.control.profile.ProfileException e) {
                throw new CompletionException(e);
            }
        }, worker).whenCompleteAsync((resolved, error) -> launch(resolved, error, outcome), exec);
    }

    private void launch(DeploymentProfile resolved, Throwable error, CompletableFuture<Applied> outcome) {
        if (outcome.isDone()) {
            return;      // a later command took over while the old engine stopped
        }
        pids.clear();
        if (error != null) {
            failed(outcome, "could not start: " + ApplyFailure.reasonOf(error), error);
            return;
        }
        try {
            Deployment d = launcher.deploy(resolved, target);
            deployment = d;
            offload = java.util.Optional.empty();
            offloadAsked = false;
            profileName = SnapshotPublisher.profileName(resolved);
            d.start();
            arm(outcome, d);
            // after start(): the deployment's own listener points the target first, so a caller that
            // reacts to Ready finds the new engine there
            d.subscribe((replica, state) -> onState(d, replica, state));
        } catch (Exception e) {
            failed(outcome, "could not start: " + e.getMessage(), e);
        }
    }

    private void onState(Deployment d, int replica, EngineState state) {
        if (d != deployment) {
            return;
        }
        pids.track(d.profile().name(), replica, d.replicas().size(), state);
        if (watch != null) {
            watch.accept(replica, state);
        }
        if (state instanceof EngineState.Ready r) {
            askBackend(d, r);
        }
        publish();
    }

    /**
     * Engine-supervisor: once per deployment, when a replica is first Ready and the profile asks for GPU
     * layers, reads the engine's backend on the worker (a blocking request) and publishes the verdict.
     */
    private void askBackend(Deployment d, EngineState.Ready r) {
        if (offloadAsked || !OffloadCheck.wantsGpu(d.profile())) {
            return;
        }
        offloadAsked = true;
        CompletableFuture.supplyAsync(() -> OffloadCheck.backend(r.baseUrl()), worker).thenAcceptAsync(b -> {
            if (d == deployment) {
                offload = OffloadCheck.warning(d.profile(), b);
                publish();
            }
        }, exec);
    }

    /** {@code outcome} becomes the command in flight; the one before it fails with {@code reason}. */
    private void takeOver(CompletableFuture<Applied> outcome, String reason) {
        current.completeExceptionally(new ApplyFailure(reason));
        current = outcome;
    }

    private void arm(CompletableFuture<Applied> outcome, Deployment d) {
        watch = new ReadinessWatch(outcome, new Applied(d.profile(), d.frontUrl()), d.replicas().size());
    }

    private void failed(CompletableFuture<Applied> outcome, String reason, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "engine start failed", cause);
        deployment = null;
        idleReason = reason;
        outcome.completeExceptionally(new ApplyFailure(reason, cause));
        publish();
    }

    private void publish() {
        Deployment d = deployment;
        if (d == null) {
            snapshots.idle(profileName, idleReason, choices.list());
        } else {
            snapshots.publish(profileName, d, choices.list(), offload);
        }
    }

    /** Stops the engine processes (bounded); the executors are the composition root's to shut down. */
    @Override
    public void close() {
        logCheck.cancel(false);
        current.completeExceptionally(new ApplyFailure("the console is closing"));
        Deployment d = deployment;
        if (d != null) {
            d.close();
        }
    }
}
