package io.inferdeck.views.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the view-model needs no stage and no FX thread. */
class ShellViewModelTest {

    private final ShellViewModel viewModel = new ShellViewModel(Theme.LIGHT, ImmediateDispatcher.create());

    @Test
    void startsOnTheDashboardWithHonestIdleStatus() {
        assertThat(viewModel.getSection()).isEqualTo(Section.DASHBOARD);
        assertThat(viewModel.engineStatusProperty().get()).isEqualTo(new StatusIndicator(StatusLevel.IDLE, "Engine: Stopped"));
        assertThat(viewModel.gpuStatusProperty().get()).isEqualTo(new StatusIndicator(StatusLevel.IDLE, "GPU: not monitored"));
        assertThat(viewModel.windowTitleProperty().get()).isEqualTo("InferDeck — Dashboard");
    }

    @Test
    void selectingASectionUpdatesSectionAndTitle() {
        List<Section> changes = new ArrayList<>();
        viewModel.sectionProperty().addListener((obs, old, now) -> changes.add(now));

        viewModel.select(Section.TUNING);
        viewModel.select(Section.TUNING);
        viewModel.select(Section.SAFETY);

        assertThat(changes).containsExactly(Section.TUNING, Section.SAFETY);
        assertThat(viewModel.windowTitleProperty().get()).isEqualTo("InferDeck — Safety");
    }

    @Test
    void toggleThemeFlipsBetweenLightAndDark() {
        viewModel.toggleTheme();
        assertThat(viewModel.getTheme()).isEqualTo(Theme.DARK);
        viewModel.toggleTheme();
        assertThat(viewModel.getTheme()).isEqualTo(Theme.LIGHT);
        viewModel.setTheme(Theme.DARK);
        assertThat(viewModel.themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void statusItemsTakeNewIndicators() {
        StatusIndicator crashed = new StatusIndicator(StatusLevel.ERROR, "Engine: crashed (exit 139)");
        viewModel.showEngineStatus(crashed);
        viewModel.showGpuStatus(new StatusIndicator(StatusLevel.OK, "GPU: NVML, 2 devices"));

        assertThat(viewModel.engineStatusProperty().get()).isEqualTo(crashed);
        assertThat(viewModel.gpuStatusProperty().get().level()).isEqualTo(StatusLevel.OK);
    }

    @Test
    void rejectsNullsAndBlankStatusText() {
        assertThatThrownBy(() -> viewModel.select(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> viewModel.setTheme(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ShellViewModel(null, ImmediateDispatcher.create())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StatusIndicator.idle(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(viewModel.getSection()).isEqualTo(Section.DASHBOARD);
    }

    @Test
    void propertiesAreReadOnlyToViews() {
        assertThat(viewModel.sectionProperty()).isNotInstanceOf(javafx.beans.property.Property.class);
        assertThat(viewModel.themeProperty()).isNotInstanceOf(javafx.beans.property.Property.class);
        assertThat(viewModel.engineStatusProperty()).isNotInstanceOf(javafx.beans.property.Property.class);
    }
}
