package io.inferdeck.runner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded CI run of the mutation fuzzer (issue 21): 200 seeded mutants of the tiny model, each refused
 * in Java with one line or served by a real runner process; none may crash natively or be refused only by
 * llama.cpp. The nightly-size run is {@code inferdeck model fuzz --count 2000}.
 */
class ModelFuzzTest {
    @TempDir
    Path dir;

    @Test
    void everyMutantIsRefusedInJavaOrServed() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        FuzzReport report = new ModelFuzzer(GgufReader.read(model), dir, line -> System.out.println("fuzz " + line))
                .run(200, 21L);
        System.out.println(report.summary());
        assertThat(report.problems()).isEmpty();
        assertThat(report.crashed()).isZero();
        assertThat(report.holds()).isTrue();
        assertThat(report.served()).as("some mutants pass validation and reach a runner").isPositive();
        assertThat(report.refused()).as("most mutants are refused").isGreaterThan(report.mutations() / 2);
    }
}
