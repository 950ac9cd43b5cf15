package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.plugin.FakeEngineDriver;
import io.inferdeck.control.profile.DeploymentProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting a deployment again reuses its wiring: one listener per replica, one router. */
class DeploymentRestartTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private Deployment deployment;

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        exec.shutdownNow();
    }

    @Test
    void aRestartAddsNoSecondListener() throws Exception {
        assertThat(startAndStopThreeTimes(1)).extracting(EngineSupervisor::listenerCount).containsExactly(1);
    }

    @Test
    void aRestartKeepsTheRouterAndAddsNoListeners() throws Exception {
        assertThat(startAndStopThreeTimes(2)).extracting(EngineSupervisor::listenerCount).containsExactly(1, 1);
    }

    private List<EngineSupervisor> startAndStopThreeTimes(int replicas) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("fakeserve"), "#!/bin/sh\nexec sleep 60\n"); // an engine that never gets ready
        Files.setPosixFilePermissions(bin.resolve("fakeserve"), PosixFilePermissions.fromString("rwx------"));
        LaunchContext ctx = LaunchContext.forThisJvm().withBinaries(new BinaryResolver(bin.toString()))
                .withDrivers(EngineDrivers.defaults().with(new FakeEngineDriver()));
        DeploymentProfile p = DeploymentProfile.builder().engine(FakeEngineDriver.KIND).name("restart").model("/m")
                .ctx(512).replicas(replicas).port(FreePorts.allocate()).build();
        deployment = new Deployment(p, ctx, dir.resolve("work"), new EngineTarget(), exec, RestartPolicy.DEFAULT,
                Clock.systemUTC());
        for (int round = 0; round < 3; round++) {
            deployment.start().get(10, TimeUnit.SECONDS);
            assertThat(deployment.replicas()).allSatisfy(r -> assertThat(r.state()).isInstanceOf(EngineState.Starting.class));
            deployment.stop().get(20, TimeUnit.SECONDS);
            assertThat(deployment.replicas()).allSatisfy(r -> assertThat(r.state()).isInstanceOf(EngineState.Stopped.class));
        }
        return deployment.replicas().stream().map(EngineSupervisor.class::cast).toList();
    }
}
