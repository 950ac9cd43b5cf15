package io.inferdeck.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.inferdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class LlamaBoundaryTest {
    @ArchTest
    static final ArchRule onlyTheRunnerTouchesLlamaCpp = noClasses().that().resideOutsideOfPackage("io.inferdeck.runner..")
            .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
            .because("llama.cpp natives may only be loaded in the engine process; a native crash must never take the console down");

    @ArchTest
    static final ArchRule theHttpLayerGoesThroughTheEngineInterface = noClasses().that().resideInAPackage("io.inferdeck.runner")
            .and().doNotBelongToAnyOf(LlamaEngine.class).should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
            .because("LlamaEngine is the one doorway that turns de.kherud's package-private LlamaException into EngineException");
}
