package io.inferdeck.app;

import java.io.PrintStream;
import java.util.Map;
import javafx.application.Application;

/** Starts the console window and returns when it has closed. */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    /**
     * @param startupProbe print the time to the first frame and close ({@link FirstFrameProbe})
     * @return process exit code: 0 after a normal close, 2 when there is no display to open a window on
     */
    public static int launch(PrintStream err, boolean startupProbe) {
        String problem = displayProblem(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
        if (problem != null) {
            err.println("inferdeck: " + problem);
            return 2;
        }
        Application.launch(InferDeckApp.class, startupProbe ? new String[] {FirstFrameProbe.ARG} : new String[0]);
        return 0;
    }

    /**
     * On Linux a window needs an X11 or Wayland display; JavaFX's own error for a missing one is an
     * opaque stack trace, so say it plainly. Null when there is no problem to report.
     */
    static String displayProblem(Map<String, String> env, String osName, String glassPlatform) {
        boolean linux = osName.toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean headlessGlass = "Monocle".equalsIgnoreCase(glassPlatform);
        if (!linux || headlessGlass || present(env.get("DISPLAY")) || present(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "cannot open the console window: no display (DISPLAY and WAYLAND_DISPLAY are not set). "
                + "Run it from a desktop session, or under a virtual display: xvfb-run -a ./inferdeck";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
