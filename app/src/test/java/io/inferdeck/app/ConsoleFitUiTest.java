package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.app.layout.LayoutAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's layout rule on the real console: every page, filled as in {@link ConsoleScenario}, at 1280×720 and
 * 1920×1080 in the light and the dark theme, shows no cut text (unless its tooltip has the full text), no icon-only
 * button without tooltip, nothing outside the window or its parent, nothing squeezed below its minimum size and no
 * horizontal scroll bar on a page body ({@link LayoutAudit}). Fails with every problem, each named by page, size,
 * theme and node.
 */
class ConsoleFitUiTest {
    @TempDir
    Path home;
    @TempDir
    Path config;

    private ConsoleScenario scenario;

    @AfterEach
    void stop() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void everyPageFitsAtBothSizesInBothThemes() throws Exception {
        scenario = new ConsoleScenario(home, config);
        scenario.start();
        scenario.fill();
        List<String> problems = new ArrayList<>();
        List<String> visited = new ArrayList<>();
        scenario.eachPage((section, width, height, theme) -> {
            String page = section.id() + " " + width + "x" + height + " " + theme;
            visited.add(page);
            List<LayoutAudit.Problem> found = scenario.audit();
            found.forEach(p -> problems.add(page + ": " + p));
            if (!found.isEmpty()) {   // what the problems look like, for whoever reads the failure
                shoot(page.replace(' ', '-') + ".png");
            }
        });
        assertThat(visited).hasSize(io.inferdeck.views.shell.Section.values().length * 4);
        assertThat(problems).as("layout problems (screenshots in target/layout-problems):%n%s", String.join("\n", problems))
                .isEmpty();
    }

    private void shoot(String name) throws Exception {
        Path out = Path.of("target", "layout-problems", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(scenario.robot().capture(scenario.stage().getScene().getRoot()).getImage(), null),
                "png", out.toFile());
    }
}
