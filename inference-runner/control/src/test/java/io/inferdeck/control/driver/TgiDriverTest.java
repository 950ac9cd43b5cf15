package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static io.inferdeck.control.driver.DriverFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TgiDriverTest {
    private final TgiDriver driver = new TgiDriver();

    private static DeploymentProfile.Builder tgi() {
        return DeploymentProfile.builder().engine(new EngineKind("tgi"));
    }

    @Test
    void attachedWithItsHealthPathAndNoCommand() throws Exception {
        DeploymentProfile p = tgi().baseUrl("http://127.0.0.1:8080").build();
        assertThat(driver.launched(p)).isFalse();
        assertThat(driver.knobs()).containsExactlyInAnyOrder(ProfileKnob.BASE_URL, ProfileKnob.HOST, ProfileKnob.PORT);
        assertThat(driver.health().path()).isEqualTo("/health");
        assertThat(LaunchPlanner.render(p, DriverFixtures.machine())).isEmpty();
        LaunchCommand attach = LaunchPlanner.plan(p, DriverFixtures.machine()).getFirst();
        assertThat(attach.attached()).isTrue();
        assertThat(attach.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(attach.display()).isEqualTo("attach http://127.0.0.1:8080 (health: GET /health)");
        assertThatThrownBy(() -> driver.argv(p, new ReplicaSlice(0, "127.0.0.1", 1, List.of(), OptionalInt.empty()),
                DriverFixtures.machine())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void needsABaseUrl() {
        assertThat(ownIssues(driver, tgi().baseUrl("https://tgi.lab:443"))).isEmpty();
        assertThat(ownIssues(driver, tgi())).singleElement().extracting(ProfileIssue::message).asString()
                .contains("required for a TGI engine");
        assertThat(ownIssues(driver, tgi().baseUrl("ftp://x/"))).singleElement()
                .extracting(ProfileIssue::message).asString().contains("http:// or https://");
    }

    @Test
    void metricsDialectRecognisesItsPageOnly() {
        var dialect = driver.metrics().orElseThrow();
        assertThat(dialect.prefix()).isEqualTo("tgi_");
        assertThat(dialect.wrote(page("tgi-1.txt"))).isTrue();
        assertThat(dialect.wrote(page("sglang-1.txt"))).isFalse();
        assertThat(dialect.wrote(page("builtin-1.txt"))).isFalse();
    }
}
