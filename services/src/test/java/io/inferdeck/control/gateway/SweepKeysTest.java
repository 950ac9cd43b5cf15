package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.keys.KeyGate;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.services.keys.KeyService;
import io.inferdeck.services.tuning.LiveEngines;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep point is deployed like any other deployment of its profile: given the gateway parts (here the key store's
 * admission, as the composition root gives it to sweeps), a point of a profile with {@code gateway.keys} refuses a
 * request without a key and admits one with a key of the store. The engine is a loopback test server attached as a
 * {@code remote} profile, so no engine process starts. Lives in the gateway's package to use control's fixtures.
 */
class SweepKeysTest {
    private static final String CHAT = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    @TempDir
    Path dir;

    private static int post(HttpClient http, String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("request to the sweep point's gateway failed", e);
        }
    }

    @Test
    void aSweepPointOfAProfileWithTheKeyStoreRefusesARequestWithoutAKey() throws Exception {
        ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-engine-supervisor"));
        try (TestUpstream engine = new TestUpstream("alpha");
             KeyService keys = new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), Runnable::run);
             KeyGate gate = new KeyGate(keys.storeForGateways(w -> { }), Clock.systemUTC());
             HttpClient http = HttpClient.newHttpClient()) {
            String secret = keys.add("sweeper", KeyLimits.UNLIMITED).secret();
            Function<DeploymentProfile, GatewayExtensions> parts = p -> p.gateway().keys()
                    ? GatewayExtensions.admission(gate::admission) : GatewayExtensions.NONE;
            DeploymentProfile keyed = DeploymentProfile.builder().engine(EngineKind.fromId("remote")).name("far")
                    .baseUrl(engine.baseUrl().toString()).gateway(new GatewaySettings(null, null, null, null, true, null, null)).build();
            List<Integer> statuses = new ArrayList<>();

            SweepOutcome o = new LiveEngines(LaunchContext.forThisJvm(), supervisor, Clock.systemUTC(), parts)
                    .sweepPoints(dir.resolve("work")).measure(new SweepPoint("Q8_0", 512, 1), keyed, url -> {
                        statuses.add(post(http, url, null));
                        statuses.add(post(http, url, secret));
                        return BenchPlan.builder(url, new LoadShape.ClosedLoop(1)).apiKey(secret).warmup(Duration.ZERO)
                                .duration(Duration.ofMillis(300)).maxTokens(4).build();
                    });

            assertThat(statuses).containsExactly(401, 200);
            BenchResult r = o.result().orElseThrow(() -> new AssertionError(o.failure()));
            assertThat(r.ok()).isPositive();
            assertThat(r.errors()).isZero();
            gate.flush();
            assertThat(keys.read(1).usage()).as("the bench and the one keyed request count as the key's usage")
                    .anySatisfy(u -> assertThat(u.requests()).isGreaterThanOrEqualTo(r.ok() + 1));
        } finally {
            supervisor.shutdownNow();
        }
    }
}
