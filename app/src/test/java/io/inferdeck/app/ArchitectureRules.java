package io.inferdeck.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;
import io.inferdeck.views.fx.FxDispatcher;
import java.util.List;
import javafx.application.Platform;

/**
 * The layering rules from the developers' brief, as ArchUnit rules (checked by {@link ArchitectureTest}).
 * Rules about modules that may still be empty allow an empty subject; the fixture tests prove each
 * rule still catches a violation.
 */
final class ArchitectureRules {

    static final String[] SERVICES = {
        "io.inferdeck.gpu..", "io.inferdeck.gguf..", "io.inferdeck.runner..",
        "io.inferdeck.control..", "io.inferdeck.tuning..", "io.inferdeck.safety..",
        "io.inferdeck.common..", "io.inferdeck.services.."};

    /** Packages of views that every page may use; every other package under views is one feature (one page). */
    static final String[] VIEWS_SHARED = {"io.inferdeck.views.common..", "io.inferdeck.views.fx..", "io.inferdeck.views.shell.."};

    static final ArchRule JAVAFX_ONLY_IN_UI_MODULES = noClasses()
            .that().resideOutsideOfPackages("io.inferdeck.app..", "io.inferdeck.views..", "io.inferdeck.styles..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("only the UI modules (app, views, styles) may use JavaFX; everything else must run headless "
                    + "and be testable without a toolkit")
            .allowEmptyShould(true);

    static final ArchRule SERVICES_NEVER_USE_JAVAFX = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("services publish immutable snapshots; view-models adapt them to JavaFX properties")
            .allowEmptyShould(true);

    static final ArchRule VIEWS_STAY_OFF_ENGINE_INTERNALS = noClasses()
            .that().resideInAPackage("io.inferdeck.views..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.inferdeck.runner..", "de.kherud.llama..", "com.sun.jna..", "java.net.http..")
            .because("views reach engines and GPUs only through service APIs (io.inferdeck.control, io.inferdeck.gpu): "
                    + "no engine internals, native bindings or raw HTTP in UI code");

    static final ArchRule VIEWS_DO_NO_IO = noClasses()
            .that().resideInAPackage("io.inferdeck.views..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.net.http..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
            .because("files, databases and HTTP are services' work (io.inferdeck.services): a view-model calls a "
                    + "service on a background executor and shows the outcome, so the FX thread never waits on I/O "
                    + "and the CLI reuses the same code");

    static final ArchRule VIEW_FEATURES_ARE_INDEPENDENT = slices()
            .matching("io.inferdeck.views.(*)..").namingSlices("views feature '$1'")
            .should().notDependOnEachOther()
            .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(VIEWS_SHARED))
            .because("pages share state only through services and the live-state bus; a page importing another "
                    + "page couples their lifecycles and makes the order of construction matter");

    static final ArchRule SERVICES_STAY_BELOW_THE_UI = noClasses()
            .that().resideInAnyPackage("io.inferdeck.services..", "io.inferdeck.common..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inferdeck.views..", "io.inferdeck.app..")
            .because("the CLI and the console both call the services; a service that reached up into views or "
                    + "the composition root could not run headless in `up` or in a CLI command");

    static final ArchRule LLAMA_ONLY_IN_RUNNER = noClasses()
            .that().resideOutsideOfPackage("io.inferdeck.runner..")
            .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
            .because("llama.cpp natives are loaded only inside the engine process, "
                    + "so a native crash cannot take the console down")
            .allowEmptyShould(true);

    static final ArchRule RUN_LATER_ONLY_IN_DISPATCHER = noClasses()
            .that().doNotHaveFullyQualifiedName(FxDispatcher.class.getName())
            .should().accessTargetWhere(describe("Platform.runLater",
                    access -> access.getTargetOwner().isEquivalentTo(Platform.class) && access.getName().equals("runLater")))
            .because("one coalescing dispatcher (<= 10 Hz) is the only bridge to the FX thread; runLater per sample floods it");

    static final ArchRule PLUGIN_API_STANDS_ALONE = classes()
            .that().resideInAPackage("io.inferdeck.plugin.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.inferdeck.plugin.api..", "java..")
            .because("plugins compile against inferdeck-plugin-api alone and load in a class loader that shows only it "
                    + "and the JDK (docs/plugins.md): a type from InferDeck's internals or a library in the API would "
                    + "fail to load in every plugin and tie plugins to internals that change between releases");

    static final List<ArchRule> ALL = List.of(JAVAFX_ONLY_IN_UI_MODULES, SERVICES_NEVER_USE_JAVAFX,
            VIEWS_STAY_OFF_ENGINE_INTERNALS, VIEWS_DO_NO_IO, VIEW_FEATURES_ARE_INDEPENDENT, SERVICES_STAY_BELOW_THE_UI,
            LLAMA_ONLY_IN_RUNNER, RUN_LATER_ONLY_IN_DISPATCHER, PLUGIN_API_STANDS_ALONE);

    private ArchitectureRules() {
    }
}
