package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA structures have nvml.h's sizes, offsets and version words. */
class StructLayoutTest {

    @Test
    void sizesMatchTheHeader() {
        assertThat(new NvmlStructs.MemoryV1().size()).isEqualTo(24);
        assertThat(new NvmlStructs.MemoryV2().size()).isEqualTo(40);
        assertThat(new NvmlStructs.Utilization().size()).isEqualTo(8);
        assertThat(new NvmlStructs.TemperatureV1().size()).isEqualTo(12);
        assertThat(new NvmlStructs.PciInfo().size()).isEqualTo(68);
        assertThat(new NvmlStructs.PciInfoV1().size()).isEqualTo(52);
        assertThat(new NvmlStructs.ProcessInfo().size()).isEqualTo(24);
        assertThat(new NvmlStructs.ProcessInfoV1().size()).isEqualTo(16);
    }

    @Test
    void sixtyFourBitFieldsArePaddedToEightBytes() {
        NvmlStructs.ProcessInfo p = new NvmlStructs.ProcessInfo();
        assertThat(p.offsetOf("pid")).isZero();
        assertThat(p.offsetOf("usedGpuMemory")).isEqualTo(8);
        assertThat(p.offsetOf("gpuInstanceId")).isEqualTo(16);
        assertThat(p.offsetOf("computeInstanceId")).isEqualTo(20);
        assertThat(new NvmlStructs.ProcessInfoV1().offsetOf("usedGpuMemory")).isEqualTo(8);
    }

    @Test
    void versionWordsAreSizeOrVersionShifted() {
        assertThat(NvmlStructs.MemoryV2.VERSION).isEqualTo(0x02000028);
        assertThat(NvmlStructs.TemperatureV1.VERSION).isEqualTo(0x0100000C);
        assertThat(new NvmlStructs.MemoryV2().version).isEqualTo(0x02000028);
    }

    /** Proves the round-trip tests would catch a wrong version word: the stand-in checks it. */
    @Test
    void standinRejectsAWrongStructVersion(@TempDir Path dir) {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1));
        NvmlLibrary lib = Native.load(Standin.FULL, NvmlLibrary.class);
        assertThat(lib.nvmlInit_v2()).isZero();
        try {
            PointerByReference handle = new PointerByReference();
            assertThat(lib.nvmlDeviceGetHandleByIndex_v2(0, handle)).isZero();
            NvmlStructs.MemoryV2 memory = new NvmlStructs.MemoryV2();
            memory.version = 40 | 1 << 24;
            assertThat(NvmlReturn.of(lib.nvmlDeviceGetMemoryInfo_v2(handle.getValue(), memory)))
                    .isEqualTo(NvmlReturn.ERROR_ARGUMENT_VERSION_MISMATCH);
            NvmlStructs.TemperatureV1 temperature = new NvmlStructs.TemperatureV1();
            temperature.version = 16 | 1 << 24;
            assertThat(NvmlReturn.of(lib.nvmlDeviceGetTemperatureV(handle.getValue(), temperature)))
                    .isEqualTo(NvmlReturn.ERROR_ARGUMENT_VERSION_MISMATCH);
            assertThat(lib.nvmlDeviceGetCount_v2(new IntByReference())).isZero();
        } finally {
            lib.nvmlShutdown();
        }
    }
}
