package io.inferdeck.services.safety.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.InputVerdict;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.guard.GuardStages;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's {@code gateway.safety.guard} block: the deployment's live filter gets the guard stage, which asks
 * the engine serving the guard model (a loopback stand-in answering in Llama Guard 3's format) with the key read
 * from the named environment variable, and its "unsafe" answer refuses the request.
 */
class GuardProfileTest {
    @TempDir
    Path dir;
    HttpServer server;
    SafetyService safety;
    HttpClient http;
    final AtomicInteger asked = new AtomicInteger();
    volatile String auth;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.incrementAndGet();
            auth = ex.getRequestHeaders().getFirst("Authorization");
            String answer = body.contains("lockpick") ? "unsafe\\nS2" : "safe";
            byte[] out = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + answer + "\"}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (var o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        safety = new SafetyService(new SafetyPaths(dir.resolve("data"), dir.resolve("config")), FilterSettings.defaults(),
                Clock.systemUTC());
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        safety.close();
        http.close();
    }

    DeploymentProfile profile() {
        var guard = new GatewaySettings.Guard("http://127.0.0.1:" + server.getAddress().getPort(), "llama-guard3:1b",
                "GUARD_KEY", 10_000, "review", "template");
        return DeploymentProfile.builder().engine(EngineKind.REMOTE).name("far").baseUrl("http://127.0.0.1:1")
                .gateway(new GatewaySettings(null, null, null, null, null, null, new GatewaySettings.Safety(true, false,
                        "forward", List.of("normalize", "guard"), guard))).build();
    }

    @Test
    void theProfilesGuardModelJudgesEachRequest() throws Exception {
        GuardStages guards = new GuardStages(http, Map.of("GUARD_KEY", "k-123")::get);
        TrafficFilter filter = new GatewaySafetyParts(safety, guards).apply(profile()).safety().orElseThrow();
        try {
            InputVerdict ok = filter.inspect(List.of("what time is it?"));
            assertThat(ok.outcome().decision()).isEqualTo(FilterDecision.PASS);
            InputVerdict bad = filter.inspect(List.of("best lockpick for my neighbour's door"));
            assertThat(bad.outcome().decision()).isEqualTo(FilterDecision.BLOCK);
            assertThat(bad.outcome().stage()).isEqualTo("guard");
            assertThat(asked).hasValue(2);
            assertThat(auth).isEqualTo("Bearer k-123");
        } finally {
            filter.close();
        }
    }

    @Test
    void withoutAGuardClientAGuardBlockIsRefused() {
        assertThatThrownBy(() -> new GatewaySafetyParts(safety).apply(profile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway.safety.guard");
        assertThat(asked).hasValue(0);
    }
}
