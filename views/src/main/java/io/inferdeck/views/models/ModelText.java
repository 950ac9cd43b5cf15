package io.inferdeck.views.models;

import io.inferdeck.gguf.ModelFacts;
import io.inferdeck.services.models.CatalogScan;
import io.inferdeck.services.models.DiscoveredModel;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** How the Models table and its captions put a model's facts into words; "" for a fact the file does not state. */
final class ModelText {
    private ModelText() {
    }

    /** 34.0 M, 1.10 B. */
    static String params(DiscoveredModel m) {
        OptionalLong p = m.facts().map(ModelFacts::parameters).orElse(OptionalLong.empty());
        if (p.isEmpty()) {
            return "";
        }
        double n = p.getAsLong();
        return n >= 1e9 ? String.format(Locale.ROOT, "%.2f B", n / 1e9) : String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }

    /** 35 B, 12.0 kB, 19.3 MB, 4.37 GB; a split model adds its part count. */
    static String size(DiscoveredModel m) {
        if (m.sizeBytes().isEmpty()) {
            return "";
        }
        double b = m.sizeBytes().getAsLong();
        String s = b >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", b / 1e9) : b >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6)
                : b >= 1e3 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3) : String.format(Locale.ROOT, "%.0f B", b);
        return m.parts().size() > 1 ? s + " (" + m.parts().size() + " parts)" : s;
    }

    static String architecture(DiscoveredModel m) {
        return m.facts().flatMap(ModelFacts::architecture).orElse(m.usable() ? "" : "unreadable");
    }

    static String quant(DiscoveredModel m) {
        return m.facts().flatMap(ModelFacts::quant).orElse("");
    }

    static String context(DiscoveredModel m) {
        OptionalLong c = m.facts().map(ModelFacts::trainedContext).orElse(OptionalLong.empty());
        return c.isPresent() ? Long.toString(c.getAsLong()) : "";
    }

    static String template(DiscoveredModel m) {
        return m.facts().map(f -> f.chatTemplate() ? "yes" : "no").orElse("");
    }

    /** The path, or for a file that cannot be used, why. */
    static String notes(DiscoveredModel m) {
        return m.problem().orElse("");
    }

    /** "InferDeck 4 · Ollama 2 · …": how many each store gave, at a glance. */
    static String stores(CatalogScan scan) {
        return scan.stores().stream().map(s -> s.store() + " " + s.models()).collect(Collectors.joining(" · "));
    }

    /** Where each store looked and what it had to say, one store per line (the caption's tooltip). */
    static String storeDetails(CatalogScan scan) {
        return scan.stores().stream().map(s -> s.store() + ": " + (s.roots().isEmpty() ? "no folders" : s.roots().stream()
                .map(Object::toString).collect(Collectors.joining(", "))) + (s.notes().isEmpty() ? "" : " — " + String.join("; ", s.notes())))
                .collect(Collectors.joining("\n"));
    }

    static boolean matches(DiscoveredModel m, String query) {
        if (query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        return String.join(" ", m.name(), m.store(), architecture(m), quant(m), m.path().toString()).toLowerCase(Locale.ROOT).contains(q);
    }
}
