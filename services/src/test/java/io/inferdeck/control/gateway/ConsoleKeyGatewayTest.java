package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.chat.ChatMessage;
import io.inferdeck.control.chat.ChatRequest;
import io.inferdeck.control.chat.ChatResult;
import io.inferdeck.control.chat.Sampling;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyGate;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.services.keys.ClientTarget;
import io.inferdeck.services.keys.ConsoleKey;
import io.inferdeck.services.keys.KeyService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's key in use: the Playground's target ({@link ClientTarget}) in front of a real gateway that admits
 * by the key store carries the console's own key, so the Playground's {@link ChatClient} is admitted where the
 * profile's key alone (here: none) is refused, and its usage counts under {@code console-<pid>}. Lives in the
 * gateway's package to use control's test fixtures.
 */
class ConsoleKeyGatewayTest {
    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-gateway-keys"));
    private final EngineTarget engine = new EngineTarget();
    private TestUpstream upstream;
    private KeyService keys;
    private KeyGate gate;
    private GatewayFixture f;
    private ConsoleKey key;
    private ClientTarget client;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new TestUpstream("alpha");
        keys = new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), io);
        gate = new KeyGate(keys.storeForGateways(w -> { }), Clock.systemUTC());
        f = new GatewayFixture(GatewayFixture.quick(), List.of(upstream.baseUrl()), () -> false,
                GatewayExtensions.admission(gate::admission));
        key = new ConsoleKey(keys, 4242, pid -> true);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        key.close();
        f.close();
        gate.close();
        keys.close();
        upstream.close();
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static ChatResult chat(EngineEndpoint e) {
        return new ChatClient(System::nanoTime).prepare(e, new ChatRequest(List.of(ChatMessage.user("hello")), Sampling.defaults()))
                .run(delta -> { });
    }

    @Test
    void thePlaygroundsTargetCarriesTheConsoleKeyWhichTheGatewayAdmitsAndMeters() throws Exception {
        EngineEndpoint front = new EngineEndpoint(f.gateway.baseUrl(), null, "keyed · remote");
        client = new ClientTarget(engine, e -> e.baseUrl().equals(front.baseUrl()), key, io);
        assertThat(client.target().current()).isEmpty();

        engine.set(front);
        await(() -> client.target().current().flatMap(EngineEndpoint::key).isPresent());
        EngineEndpoint withKey = client.target().current().orElseThrow();
        assertThat(withKey.label()).isEqualTo("keyed · remote");
        assertThat(chat(front).outcome()).as("the profile's key alone (none)").isEqualTo(ChatResult.Outcome.FAILED);
        ChatResult r = chat(withKey);
        assertThat(r.outcome()).as(r.error()).isEqualTo(ChatResult.Outcome.COMPLETED);
        assertThat(upstream.lastAuthorization).as("the engine never sees the client's key").isEmpty();

        gate.flush();
        String id = key.id().orElseThrow();
        assertThat(keys.read(1).usage()).anySatisfy(u -> {
            assertThat(u.keyId()).isEqualTo(id);
            assertThat(u.requests()).isEqualTo(1);
        });

        keys.revoke(id);   // the operator revokes it on the Keys page: the Playground gets a new one
        await(() -> client.target().current().flatMap(EngineEndpoint::key).filter(k -> !k.equals(withKey.apiKey())).isPresent());
        assertThat(chat(client.target().current().orElseThrow()).outcome()).isEqualTo(ChatResult.Outcome.COMPLETED);

        engine.clear();
        await(() -> client.target().current().isEmpty());
    }

    @Test
    void anEndpointOfAGatewayWithoutTheKeyStoreIsPassedOnAsItIs() throws Exception {
        client = new ClientTarget(engine, e -> false, key, io);
        EngineEndpoint plain = new EngineEndpoint(f.gateway.baseUrl(), "profile-key", "plain");
        engine.set(plain);
        await(() -> client.target().current().isPresent());
        assertThat(client.target().current()).contains(plain);
        assertThat(key.id()).as("no key made").isEmpty();
        assertThat(keys.list()).extracting(ApiKey::name).isEmpty();
    }

    @Test
    void aKeyedGatewayIsTheFrontDoorOfAProfileWithTheKeyStore() {
        DeploymentProfile keyed = DeploymentProfile.builder().port(18080)
                .gateway(new GatewaySettings(null, null, null, null, true, null, null)).build();
        EngineEndpoint door = EngineEndpoint.of("http://127.0.0.1:18080");
        assertThat(ClientTarget.keyedGateway(keyed, door)).isTrue();
        assertThat(ClientTarget.keyedGateway(keyed, EngineEndpoint.of("http://127.0.0.1:18081"))).isFalse();
        assertThat(ClientTarget.keyedGateway(keyed.toBuilder().gateway(GatewaySettings.DEFAULTS).build(), door)).isFalse();
        assertThat(ClientTarget.keyedGateway(null, door)).isFalse();
    }
}
