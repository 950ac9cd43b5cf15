package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.regexrules.RegexRulesStage;
import example.toyengine.ToyEngineDriver;
import io.inferdeck.app.cli.InferDeckCli;
import io.inferdeck.common.plugin.PluginDirs;
import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.TestPluginJars;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileValidator;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.StageSwitches;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.SuiteLoader;
import io.inferdeck.safety.suite.SuiteProgress;
import io.inferdeck.services.plugins.PluginAdmin;
import io.inferdeck.services.plugins.PluginCatalog;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.SuiteRunRequest;
import io.inferdeck.services.safety.live.GatewaySafetyParts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The plugin SPI end to end, with the two sample plugins built as jars from compiled classes into a temporary
 * plugins folder (beside a broken jar): they are listed by {@code inferdeck plugins list}; the regex-rules
 * stage decides cases of a safety suite; a profile with the toy engine serves a request through the
 * deployment's gateway, whose live safety runs the plugin stage; disabling both removes them from the
 * registries. The toy engine is a loopback test server.
 */
class PluginsEndToEndTest {
    private static final String RULES = "# name\tcategory\tdecision\tpattern\n"
            + "card\tfraud\tblock\tcard\\s*#\\d{4}\n";
    private static final String CHAT_BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    @TempDir
    Path dir;
    private PluginAdmin admin;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void installSamplePlugins() throws Exception {
        Path folder = dir.resolve("data/inferdeck/plugins");
        TestPluginJars.write(folder.resolve("regex-rules-1.0.0.jar"), "regex-rules", "1.0.0",
                Map.of(FilterStagePlugin.class, List.of(RegexRulesStage.class)), List.of(RegexRulesStage.class),
                Map.of("example/regexrules/rules.tsv", RULES));
        TestPluginJars.write(folder.resolve("toy-engine.jar"), "toy-engine", "0.3.0",
                Map.of(EngineDriverPlugin.class, List.of(ToyEngineDriver.class)), List.of(ToyEngineDriver.class));
        Files.writeString(folder.resolve("zz-broken.jar"), "PK but not really");
        admin = new PluginAdmin(PluginDirs.resolve(Map.of("XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString()), dir.toString(), null), getClass().getClassLoader());
    }

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    private PluginCatalog catalog() throws Exception {
        return PluginCatalog.of(io.inferdeck.control.driver.EngineDrivers.load(getClass().getClassLoader()),
                new io.inferdeck.common.plugin.PluginScanner(getClass().getClassLoader(), admin.dirs().folder(),
                        io.inferdeck.common.plugin.DisabledPlugins.read(admin.dirs().disabledFile())).scan());
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new io.inferdeck.app.cli.PluginsCommand(admin)));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute(args)).as(String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void samplePluginsLoadRunAsAStageAndAnEngineAndDisablingRemovesThem() throws Exception {
        String listed = cli("list");
        assertThat(listed).containsPattern("regex-rules +1\\.0\\.0 +filter stage +regex-rules +enabled +.*regex-rules-1\\.0\\.0\\.jar")
                .containsPattern("toy-engine +0\\.3\\.0 +engine +toy +enabled +.*toy-engine\\.jar")
                .containsPattern("zz-broken .* refused .*zz-broken\\.jar\\n    refused: not a readable jar: ");
        PluginCatalog catalog = catalog();
        assertThat(catalog.entries()).isEqualTo(admin.list());
        assertThat(BuildInfo.about(dir.resolve("config"), Map.of(), catalog.entries()).plugins())
                .extracting(PluginEntry::provides).containsExactly("regex-rules", "toy", "-");   // what About lists, jars by name

        SuiteReport suite = runSuite(catalog);
        assertThat(suite.failed()).isZero();
        assertThat(suite.cases()).filteredOn(c -> c.id().equals("card")).singleElement()
                .satisfies(c -> assertThat(c.stage()).isEqualTo("regex-rules"));
        assertThat(suite.latency()).extracting(l -> l.stage()).contains("input.regex-rules");

        try (ToyServer toy = new ToyServer(); SafetyService safety = safety(catalog)) {
            DeploymentProfile profile = toyProfile(toy.url());
            assertThat(ProfileValidator.validate(profile, java.util.OptionalInt.empty(), catalog.drivers())).isEmpty();
            assertThat(ProfileValidator.validate(profile.toBuilder().baseUrl(null).build(), java.util.OptionalInt.empty(),
                    catalog.drivers())).extracting(ProfileIssue::toString)
                    .contains("baseUrl: required for a toy engine: where it runs, e.g. http://127.0.0.1:9000");
            try (Deployment d = new Deployment(profile, LaunchContext.forThisJvm().withDrivers(catalog.drivers()),
                    dir.resolve("work"), new EngineTarget(), exec, RestartPolicy.DEFAULT, Clock.systemUTC(),
                    new GatewaySafetyParts(safety).apply(profile))) {
                d.start();
                awaitReady(d);
                assertThat(toy.received).contains("GET /toy/health");

                HttpResponse<String> served = chat(d.frontUrl(), "hello toy");
                assertThat(served.statusCode()).isEqualTo(200);
                assertThat(served.body()).isEqualTo(ToyServer.CHAT);
                HttpResponse<String> blocked = chat(d.frontUrl(), "pay with card #4242");
                assertThat(blocked.statusCode()).isEqualTo(400);
                assertThat(blocked.body()).contains("content_policy", "regex-rules:card");
                assertThat(toy.received).filteredOn(r -> r.startsWith("POST")).containsExactly("POST /v1/chat/completions");
                d.stop().get(5, TimeUnit.SECONDS);
            }
        }

        assertThat(cli("disable", "toy-engine")).startsWith("disabled plugin 'toy-engine'");
        assertThat(cli("disable", "regex-rules")).startsWith("disabled plugin 'regex-rules'");
        PluginCatalog off = catalog();
        assertThat(off.entries()).filteredOn(e -> !e.plugin().equals("zz-broken"))
                .extracting(PluginEntry::state).containsOnly(PluginEntry.State.DISABLED);
        assertThat(off.stages()).isEmpty();
        assertThatThrownBy(() -> off.drivers().kind("toy")).hasMessageStartingWith("unknown engine 'toy'");
        assertThat(ProfileValidator.validate(toyProfile(URI.create("http://127.0.0.1:1")), java.util.OptionalInt.empty(),
                off.drivers())).extracting(ProfileIssue::toString).singleElement().asString().startsWith("engine: unknown engine 'toy'");
        assertThat(runSuite(off).failed()).isEqualTo(1);   // the card case is no longer caught
        assertThat(cli("list")).containsPattern("toy-engine +0\\.3\\.0 +engine +example\\.toyengine\\.ToyEngineDriver +disabled");

        cli("enable", "toy-engine");
        assertThat(catalog().drivers().kind("toy")).isEqualTo(new EngineKind("toy"));
    }

    @Test
    void switchingAPluginThatIsNotThereIsBadInputNamingTheInstalledOnes() {
        StringWriter err = new StringWriter();
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new io.inferdeck.app.cli.PluginsCommand(admin)));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("disable", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no plugin named 'nope' (installed: regex-rules, toy-engine, zz-broken)")
                .doesNotContain("\tat ");
        assertThat(Files.exists(admin.dirs().disabledFile())).isFalse();
    }

    /** The cheap stages only (the classifier's model stays unloaded), plus the plugin's stage while it is installed. */
    private SafetyService safety(PluginCatalog catalog) {
        String stages = "normalize,blocklist,pii" + (catalog.stages().isEmpty() ? "" : ",regex-rules");
        FilterConfig config = FilterConfig.builder().input(StageSwitches.parse(stages)).output(StageSwitches.parse(stages)).build();
        return new SafetyService(new SafetyPaths(dir.resolve("data/inferdeck/safety"), dir.resolve("config/inferdeck/safety")),
                new FilterSettings(config, null, null, MaskPolicy.defaults()).withStages(catalog.stages()), Clock.systemUTC());
    }

    private SuiteReport runSuite(PluginCatalog catalog) throws Exception {
        Path file = dir.resolve("suite.jsonl");
        Files.writeString(file, """
                {"id":"card","prompt":"please charge card #4242 now","expected":"block","category":"fraud"}
                {"id":"weather","prompt":"what is the weather like today","expected":"allow","category":"benign"}
                """);
        try (SafetyService safety = safety(catalog)) {
            return safety.run(SuiteRunRequest.of(SuiteLoader.load(file), Optional.empty()), SuiteProgress.NONE, () -> false);
        }
    }

    private static DeploymentProfile toyProfile(URI engine) throws Exception {
        return DeploymentProfile.builder().engine(new EngineKind("toy")).name("toy").baseUrl(engine.toString())
                .port(FreePorts.allocate()).gateway(new GatewaySettings(null, null, null, null, null, null,
                        new GatewaySettings.Safety(true, false, "forward", List.of("normalize", "regex-rules")))).build();
    }

    private HttpResponse<String> chat(URI front, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(front.resolve("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT_BODY.formatted(text))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(Deployment d) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!(d.replicas().getFirst().state() instanceof EngineState.Ready)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not Ready: " + d.replicas().getFirst().state());
            }
            Thread.sleep(50);
        }
    }
}
