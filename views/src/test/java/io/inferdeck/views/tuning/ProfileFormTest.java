package io.inferdeck.views.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.control.profile.ProfileRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileFormTest {
    private final ProfileForm form = new ProfileForm();
    private final DeploymentProfile running = DeploymentProfile.builder().name("default").model("/m/tiny-q8_0.gguf").port(43210).build();

    @Test
    void aSessionPortRunsAsItIsButIsNeverSaved() {
        form.load(running, true);

        assertThat(form.portProperty().get()).isEmpty();
        assertThat(form.profileProperty().get().port()).isEqualTo(43210);
        assertThat(form.forSaving().port()).isEqualTo(DeploymentProfile.DEFAULT_PORT);

        form.portProperty().set("9000");
        assertThat(form.forSaving().port()).isEqualTo(9000);
        form.portProperty().set("nine");
        assertThat(form.messages()).containsKey("port");
        assertThat(form.forSaving()).isNull();
    }

    @Test
    void aSavedProfilesOwnPortIsKept() {
        form.load(running, false);

        assertThat(form.portProperty().get()).isEqualTo("43210");
        assertThat(form.forSaving().port()).isEqualTo(43210);
    }

    @Test
    void engineAndModelFieldsMakeTheProfile() {
        form.load(running, true);
        form.engineProperty().set(EngineKind.LLAMA_SERVER);
        form.modelProperty().set("/elsewhere/other.gguf");

        assertThat(form.profileProperty().get().engine()).isEqualTo(EngineKind.LLAMA_SERVER);
        assertThat(form.profileProperty().get().model()).isEqualTo("/elsewhere/other.gguf");
        form.modelProperty().set(" ");
        assertThat(form.messages().get("model").message()).as("llama-server needs a model").isNotBlank();
        form.engineProperty().set(EngineKind.BUILTIN);
        assertThat(form.profileProperty().get().model()).as("the builtin engine runs its embedded model").isNull();
    }

    @Test
    void showsOnlyTheKnobsTheChosenEngineReads() {
        assertThat(form.shows("gpuLayers", EngineKind.BUILTIN)).isTrue();
        assertThat(form.shows("gpuLayers", EngineKind.VLLM)).isFalse();
        assertThat(form.shows("binary", EngineKind.BUILTIN)).isFalse();
        assertThat(form.shows("binary", EngineKind.LLAMA_SERVER)).isTrue();
        assertThat(form.shows("baseUrl", EngineKind.REMOTE)).isTrue();
        assertThat(form.shows("model", EngineKind.REMOTE)).isFalse();
        assertThat(form.shows("ctx", EngineKind.REMOTE)).isFalse();
        assertThat(form.shows("name", EngineKind.REMOTE)).isTrue();
        assertThat(form.shows("engine", EngineKind.REMOTE)).isTrue();
    }

    @Test
    void aLoadedLiveSafetyBlockNamingAnUnknownStageIsShownAndBlocksTheProfile() {
        ProfileForm checked = new ProfileForm(ProfileRules.defaults().withSafetyStages(List.of("normalize", "pii")));
        GatewaySettings live = new GatewaySettings(null, null, null, null, null, null,
                new GatewaySettings.Safety(null, null, null, List.of("pii", "shout")));
        checked.load(running.toBuilder().gateway(live).build(), false);

        assertThat(checked.messages().get("").toString())
                .isEqualTo("gateway.safety.stages[1]: unknown stage 'shout' (known: normalize, pii)");
        assertThat(checked.profileProperty().get()).isNull();
        checked.load(running.toBuilder().gateway(new GatewaySettings(null, null, null, null, null, null,
                new GatewaySettings.Safety(null, null, "later", List.of("pii")))).build(), false);
        assertThat(checked.messages().get("").message()).isEqualTo("'later' is not one of forward, hold");
        checked.load(running, false);
        assertThat(checked.messages()).isEmpty();
    }
}
