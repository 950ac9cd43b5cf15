package io.inferdeck.views.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.inferdeck.services.fleet.FleetSource;
import io.inferdeck.services.fleet.FleetTestBed;
import io.inferdeck.services.fleet.PrometheusClient;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of the Fleet page over a real Prometheus ({@link FleetTestBed}: two nodes, the stand-in NVML's eight
 * GPUs plus a DCGM page, the SLO alert firing for the slow node, a day of backfilled history) with the 24-hour range,
 * at 1280×720 and 1920×1080, light and dark, into {@code docs/fleet-*.png}: the top of the page and the page scrolled
 * to its history charts. Runs only on request (it needs {@code prometheus}, {@code promtool} and gpu-monitor's
 * stand-in library): {@code ./mvnw -B -o -pl views -am test -Dtest=FleetPageScreenshotTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dinferdeck.docs=true}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "inferdeck.docs", matches = "true")
class FleetPageScreenshotTest {
    private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void fleetPageOverARealPrometheusWithADayOfHistory() throws Exception {
        Optional<FleetTestBed> started = FleetTestBed.start(dir);
        assumeThat(started).as("prometheus/promtool on PATH and gpu-monitor's stand-in NVML built").isPresent();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (FleetTestBed bed = started.get(); HttpClient http = HttpClient.newHttpClient();
             BackgroundExecutor worker = BackgroundExecutor.threadPool("fleet-shot", 1)) {
            FleetViewModel vm = new FleetViewModel(base -> FleetSource.prometheus(new PrometheusClient(http, base, Duration.ofSeconds(10)),
                    FleetTestBed.dialects()), bed.prometheus().toString(), worker, FxDispatcher.onFxThread(timer), Clock.systemUTC());
            robot.interact(() -> vm.rangeProperty().set(Duration.ofHours(24)));
            for (Theme theme : Theme.values()) {
                for (int[] size : SIZES) {
                    FleetView[] view = new FleetView[1];
                    robot.interact(() -> {
                        view[0] = new FleetView(vm, ZoneOffset.UTC);
                        Scene scene = new Scene(view[0], size[0], size[1]);
                        scene.getStylesheets().setAll(theme.stylesheets());
                        stage.setScene(scene);
                        stage.setWidth(size[0]);
                        stage.setHeight(size[1]);
                        stage.show();
                        scene.getRoot().requestFocus();   // no text field highlighted in the shot
                        vm.refresh();
                    });
                    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.historyProperty().get() != null
                            && vm.messageProperty().get().startsWith("Read "));
                    assertThat(vm.alerts()).anyMatch(a -> a.startsWith("InferDeckSloE2eP95"));
                    assertThat(vm.gpus()).hasSize(10);
                    assertThat(vm.engines()).hasSize(2);
                    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
                    String name = theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x" + size[1] + ".png";
                    capture(Path.of("..", "docs", "fleet-" + name));
                    robot.interact(() -> ((ScrollPane) view[0].lookup("#fleet-scroll")).setVvalue(1));
                    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
                    capture(Path.of("..", "docs", "fleet-history-" + name));
                }
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private void capture(Path out) throws Exception {
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
