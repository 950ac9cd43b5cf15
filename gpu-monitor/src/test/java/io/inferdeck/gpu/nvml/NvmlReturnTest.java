package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NvmlReturnTest {

    @Test
    void mapsCodesBothWays() {
        for (NvmlReturn r : NvmlReturn.values()) {
            if (r != NvmlReturn.UNRECOGNIZED) {
                assertThat(NvmlReturn.of(r.code())).isSameAs(r);
            }
        }
        assertThat(NvmlReturn.of(15)).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST);
        assertThat(NvmlReturn.of(3)).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED);
        assertThat(NvmlReturn.of(31)).isEqualTo(NvmlReturn.UNRECOGNIZED);
        assertThat(NvmlReturn.of(-4)).isEqualTo(NvmlReturn.UNRECOGNIZED);
    }

    @Test
    void describesKnownAndUnknownCodes() {
        assertThat(NvmlReturn.describe(9))
                .isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED (9): The NVIDIA driver is not loaded");
        assertThat(NvmlReturn.describe(4242)).startsWith("NVML return code 4242");
    }
}
