package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every corrupt input is refused in Java with a one-line reason, before native code sees it. */
class GgufReaderCorruptInputTest {
    @TempDir
    Path dir;
    byte[] good;

    @BeforeEach
    void writeGoodModel() throws Exception {
        Path file = dir.resolve("good.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, file);
        good = Files.readAllBytes(file);
    }

    private Path file(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(dir, "bad", ".gguf"), content);
    }

    private void refused(byte[] content, String reason) {
        assertThatThrownBy(() -> GgufReader.read(file(content)))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining(reason)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> GgufReader.read(dir.resolve("nope.gguf"))).hasMessageContaining("no such file");
    }

    @Test
    void directoryIsNotAModel() {
        assertThatThrownBy(() -> GgufReader.read(dir)).hasMessageContaining("not a regular file");
    }

    @Test
    void emptyAndTinyFiles() {
        refused(new byte[0], "not a GGUF file");
        refused(new byte[10], "not a GGUF file");
    }

    @Test
    void wrongMagic() {
        byte[] b = good.clone();
        b[0] = 'X';
        refused(b, "magic");
        byte[] text = "hello, this is definitely not a model file at all".getBytes();
        refused(text, "not a GGUF file");
    }

    @Test
    void unsupportedVersion() {
        byte[] b = good.clone();
        b[4] = 1;
        refused(b, "unsupported GGUF version 1");
        byte[] be = good.clone();
        ByteBuffer.wrap(be).order(ByteOrder.BIG_ENDIAN).putInt(4, 3);
        refused(be, "big-endian");
    }

    @Test
    void truncatedData() {
        refused(Arrays.copyOf(good, good.length - 100), "truncated");
        refused(Arrays.copyOf(good, good.length / 2), "truncated");
        refused(Arrays.copyOf(good, 200), "more than the 176 bytes left can hold");
    }

    @Test
    void absurdCountsDoNotAllocate() {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE / 2); // tensor count
        refused(b, "tensor table");
        byte[] c = good.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 40); // metadata count
        refused(c, "metadata table");
        byte[] d = good.clone();
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 50); // first key length
        refused(d, "metadata key #0");
    }

    @Test
    void unknownTensorTypeAndMisalignedOffset() throws Exception {
        GgufFile g = GgufReader.read(Files.write(dir.resolve("ok.gguf"), good));
        // The tensor table ends right before the data section's padding; find the last tensor's type field.
        GgufTensorInfo last = g.tensors().getLast();
        int typePos = indexOfTensorEntry(last) + 8 + last.name().length() + 4 + 8 * last.dims().length;
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(typePos, 99);
        refused(b, "unknown ggml type 99");
        byte[] c = good.clone();
        ByteBuffer buf = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(typePos + 4, buf.getLong(typePos + 4) + 4);
        refused(c, "not aligned");
    }

    private int indexOfTensorEntry(GgufTensorInfo t) {
        byte[] name = t.name().getBytes();
        byte[] needle = new byte[8 + name.length];
        ByteBuffer.wrap(needle).order(ByteOrder.LITTLE_ENDIAN).putLong(name.length).put(name);
        outer:
        for (int i = good.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (good[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("tensor entry not found");
    }
}
