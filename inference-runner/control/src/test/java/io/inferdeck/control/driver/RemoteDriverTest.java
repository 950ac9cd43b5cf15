package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RemoteDriverTest {
    private final RemoteDriver driver = new RemoteDriver();

    private static DeploymentProfile.Builder remote() {
        return DeploymentProfile.builder().engine(EngineKind.REMOTE);
    }

    @Test
    void attachedNotLaunched() {
        assertThat(driver.kind().id()).isEqualTo("remote");
        assertThat(driver.launched(remote().build())).isFalse();
        // baseUrl says where the engine is; host and port where the deployment's front door serves it
        assertThat(driver.knobs()).containsExactlyInAnyOrder(ProfileKnob.BASE_URL, ProfileKnob.HOST, ProfileKnob.PORT);
        assertThat(driver.kvCache().allowed()).isEmpty();
        assertThat(driver.metrics()).isEmpty(); // its page is recognised by the prefix of whatever engine it is
        ReplicaSlice r = new ReplicaSlice(0, "127.0.0.1", 8080, List.of(), OptionalInt.empty());
        assertThatThrownBy(() -> driver.argv(remote().build(), r, DriverFixtures.machine()))
                .isInstanceOf(UnsupportedOperationException.class);
        // attached engines are health-checked too: every OpenAI-compatible API lists its models
        assertThat(driver.health().path()).isEqualTo("/v1/models");
        assertThat(driver.health().ready(200)).isTrue();
        assertThat(driver.health().ready(401)).isFalse();
    }

    @Test
    void needsAnHttpBaseUrl() {
        assertThat(ownIssues(driver, remote().baseUrl("https://gpu-box:8000"))).isEmpty();
        assertThat(ownIssues(driver, remote())).singleElement().extracting(ProfileIssue::message).asString()
                .contains("required for a remote engine");
        assertThat(ownIssues(driver, remote().baseUrl("http://bad host/"))).singleElement()
                .extracting(ProfileIssue::message).asString().startsWith("not a URL");
        assertThat(ownIssues(driver, remote().baseUrl("file:///tmp/x"))).singleElement()
                .extracting(ProfileIssue::message).asString().contains("http:// or https://");
    }
}
