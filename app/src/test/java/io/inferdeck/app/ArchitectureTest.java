package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.inferdeck.control.archfixture.LlamaOutsideRunner;
import io.inferdeck.gpu.archfixture.FxInService;
import io.inferdeck.views.archfixture.RunLaterOutsideDispatcher;
import io.inferdeck.views.archfixture.ViewUsingRawHttp;
import io.inferdeck.views.archfixture.ViewWritingFiles;
import io.inferdeck.views.featurea.PageUsingAnotherPage;
import io.inferdeck.views.featureb.OtherPage;
import io.inferdeck.services.archfixture.ServiceReachingIntoViews;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every production class of every module (the app's test class path holds them all) against
 * {@link ArchitectureRules}, and checks each rule against a deliberately bad fixture so no rule can
 * pass vacuously.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inferdeck");
    }

    @Test
    void importSeesTheUiModules() {
        assertThat(production.containPackage("io.inferdeck.app")).isTrue();
        assertThat(production.containPackage("io.inferdeck.views.fx")).isTrue();
        assertThat(production.containPackage("io.inferdeck.styles")).isTrue();
    }

    @Test
    void productionCodeFollowsEveryRule() {
        for (ArchRule rule : ArchitectureRules.ALL) {
            rule.check(production);
        }
    }

    @Test
    void javafxInAServiceIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(FxInService.class);
        assertThat(ArchitectureRules.JAVAFX_ONLY_IN_UI_MODULES.evaluate(bad).hasViolation()).isTrue();
        assertThat(ArchitectureRules.SERVICES_NEVER_USE_JAVAFX.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void llamaOutsideTheRunnerIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(LlamaOutsideRunner.class);
        assertThat(ArchitectureRules.LLAMA_ONLY_IN_RUNNER.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void rawHttpInAViewIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(ViewUsingRawHttp.class);
        assertThat(ArchitectureRules.VIEWS_STAY_OFF_ENGINE_INTERNALS.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void runLaterOutsideTheDispatcherIsCaughtAsCallAndAsMethodReference() {
        JavaClasses bad = new ClassFileImporter().importClasses(RunLaterOutsideDispatcher.class);
        var result = ArchitectureRules.RUN_LATER_ONLY_IN_DISPATCHER.evaluate(bad);
        assertThat(result.getFailureReport().getDetails()).hasSize(2);
    }

    @Test
    void fileIoInAViewIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(ViewWritingFiles.class);
        assertThat(ArchitectureRules.VIEWS_DO_NO_IO.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void aPageImportingAnotherPageIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(PageUsingAnotherPage.class, OtherPage.class);
        assertThat(ArchitectureRules.VIEW_FEATURES_ARE_INDEPENDENT.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void aServiceReachingIntoViewsIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(ServiceReachingIntoViews.class);
        assertThat(ArchitectureRules.SERVICES_STAY_BELOW_THE_UI.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void anInternalTypeInThePluginApiIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(io.inferdeck.plugin.api.archfixture.ApiLeakingInternals.class);
        assertThat(ArchitectureRules.PLUGIN_API_STANDS_ALONE.evaluate(bad).hasViolation()).isTrue();
    }
}
