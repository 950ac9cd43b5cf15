package io.inferdeck.services.safety;

import io.inferdeck.safety.report.HtmlReport;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats a suite report is saved in; each writes atomically (a reader never sees half a file). */
public enum ReportFormat {
    JSON {
        @Override
        public void write(SuiteReport report, Path file) throws IOException {
            RunHistory.writeJson(report, file);
        }
    },
    /** A self-contained page (no external assets). */
    HTML {
        @Override
        public void write(SuiteReport report, Path file) throws IOException {
            HtmlReport.write(report, file);
        }
    };

    public abstract void write(SuiteReport report, Path file) throws IOException;

    /** HTML for *.html (any case), JSON for anything else. */
    public static ReportFormat forFile(Path file) {
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".html") ? HTML : JSON;
    }
}
