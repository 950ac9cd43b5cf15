package io.inferdeck.services.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code prometheus.yml} {@code fleet prometheus-config} writes: one scrape config per role (job name = the
 * role id), and one more per role and key variable for protected targets (Prometheus sets authorization per
 * scrape config), whose targets still carry {@code job: <role>}. Every target gets {@code node}, the node's own
 * labels, and its path and scheme as {@code __metrics_path__} / {@code __scheme__}. A key is read by Prometheus
 * from {@code secrets/<VARIABLE>} next to the config (Prometheus cannot read environment variables there).
 */
final class ScrapeConfigRenderer {
    static final String SECRETS = "secrets";

    private ScrapeConfigRenderer() {
    }

    static Map<String, Object> render(FleetInventory fleet, String rulesFile) {
        String interval = PromQl.seconds(fleet.scrapeIntervalSeconds());
        Map<String, Object> global = RulesRenderer.ordered("scrape_interval", interval, "evaluation_interval", interval);
        List<Object> scrapes = new ArrayList<>();
        for (FleetRole role : FleetRole.values()) {
            Map<Optional<String>, List<Object>> byKey = new LinkedHashMap<>();
            for (FleetInventory.NodeTarget nt : fleet.targets(role)) {
                byKey.computeIfAbsent(nt.target().bearerKey(), k -> new ArrayList<>()).add(staticConfig(role, nt));
            }
            byKey.forEach((key, targets) -> scrapes.add(scrape(role, key, targets)));
        }
        Map<String, Object> config = RulesRenderer.ordered("global", global, "rule_files", List.of(rulesFile));
        config.put("scrape_configs", scrapes);
        return config;
    }

    private static Map<String, Object> scrape(FleetRole role, Optional<String> key, List<Object> targets) {
        Map<String, Object> s = RulesRenderer.ordered("job_name", role.id() + key.map(k -> "-" + k).orElse(""),
                "static_configs", targets);
        key.ifPresent(k -> s.put("authorization", RulesRenderer.ordered("type", "Bearer",
                "credentials_file", SECRETS + "/" + k)));
        return s;
    }

    private static Map<String, Object> staticConfig(FleetRole role, FleetInventory.NodeTarget nt) {
        Map<String, String> labels = new TreeMap<>(nt.node().labels());
        labels.put("node", nt.node().name());
        labels.put("job", role.id());
        labels.put("__metrics_path__", nt.target().metricsPath());
        labels.put("__scheme__", nt.target().uri().getScheme());
        return RulesRenderer.ordered("targets", List.of(nt.target().hostPort()), "labels", labels);
    }
}
