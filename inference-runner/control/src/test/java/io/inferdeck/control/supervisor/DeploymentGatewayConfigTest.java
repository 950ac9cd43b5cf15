package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.cache.CacheConfig;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.control.profile.ProfileFiles.Format;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile's {@code gateway} block as the deployment's gateway sees it. */
class DeploymentGatewayConfigTest {

    @Test
    void aCacheBlockTurnsTheResponseCacheOnWithItsBoundsAndNoBlockLeavesItOff() throws Exception {
        DeploymentProfile cached = ProfileFiles.parse(
                "{\"gateway\": {\"cache\": {\"maxBytes\": 1048576, \"ttlSeconds\": 45, \"allowSampled\": true}}}", Format.JSON, "t");
        GatewayConfig config = Deployment.gatewayConfig(cached);
        assertThat(config.cache()).contains(new CacheConfig(1 << 20, Duration.ofSeconds(45), true));
        assertThat(config.cache().orElseThrow().maxEntryBytes()).isEqualTo((1 << 20) / 16);

        DeploymentProfile defaults = ProfileFiles.parse("{\"gateway\": {\"cache\": {}}}", Format.JSON, "t");
        assertThat(Deployment.gatewayConfig(defaults).cache()).contains(new CacheConfig(64L << 20, Duration.ofSeconds(600), false));
        assertThat(Deployment.gatewayConfig(DeploymentProfile.builder().build()).cache()).isEqualTo(Optional.empty());
    }
}
