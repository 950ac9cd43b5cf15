package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
    private final DeploymentProfile base = DeploymentProfile.builder().name("a").model("/m/q4.gguf").build();

    @Test
    void equalProfilesHaveNoChanges() {
        assertThat(ProfileDiff.between(base, base.toBuilder().build())).isEmpty();
    }

    @Test
    void changedFieldsAreListedInReadingOrderWithDefaultsNamed() {
        DeploymentProfile b = base.toBuilder().quantization("Q8_0").threads(4).gpus(List.of(0, 1)).parallel(3).build();
        assertThat(ProfileDiff.between(base, b)).extracting(Object::toString).containsExactly(
                "quantization: default → Q8_0", "threads: default → 4", "parallel: 1 → 3", "gpus: [] → [0, 1]");
    }

    @Test
    void apiKeyChangesAreShownWithoutTheKey() {
        DeploymentProfile k1 = base.toBuilder().apiKey("secret-one").build();
        DeploymentProfile k2 = base.toBuilder().apiKey("secret-two").build();
        assertThat(ProfileDiff.between(k1, k2)).singleElement().hasToString("apiKey: **** → ****");
        assertThat(ProfileDiff.between(k1, k1.toBuilder().build())).isEmpty();
        assertThat(ProfileDiff.between(base, k1).toString()).doesNotContain("secret");
    }

    @Test
    void fromNothingListsOnlyWhatIsSet() {
        assertThat(ProfileDiff.between(null, base)).extracting(ProfileDiff.Change::field)
                .contains("engine", "name", "model", "ctx").doesNotContain("gpus", "apiKey", "threads");
    }
}
