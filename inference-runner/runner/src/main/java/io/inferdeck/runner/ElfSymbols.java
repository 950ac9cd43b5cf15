package io.inferdeck.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads exported data symbols out of a 64-bit little-endian ELF shared object held in memory, without loading
 * it: the symbol's address from the dynamic symbol table, the bytes at that address from the section that
 * holds it, and a pointer's target from the object's {@code R_*_RELATIVE} relocations (a pointer in a shared
 * object is often stored as 0 and filled in by the loader). Enough to read llama.cpp's build stamp
 * ({@code LLAMA_BUILD_NUMBER}, {@code LLAMA_COMMIT}); not a general ELF library. Immutable.
 */
final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_DYNSYM = 11;
    private static final long R_X86_64_RELATIVE = 8;
    private static final long R_AARCH64_RELATIVE = 1027;

    private final ByteBuffer b;

    /** @throws IOException when the bytes are not a 64-bit little-endian ELF file */
    ElfSymbols(byte[] bytes) throws IOException {
        b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464C457F || bytes[4] != 2 || bytes[5] != 1) {
            throw new IOException("not a 64-bit little-endian ELF file");
        }
    }

    /** The address of the named symbol, if the object exports it. */
    OptionalLong symbol(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int s = 0; s < sections(); s++) {
            int type = b.getInt(section(s) + 4);
            if (type != SHT_DYNSYM && type != SHT_SYMTAB) {
                continue;
            }
            long strings = b.getLong(section(b.getInt(section(s) + 0x28)) + 0x18);
            long base = b.getLong(section(s) + 0x18);
            for (long i = 0; i < b.getLong(section(s) + 0x20) / 24; i++) {
                long entry = base + i * 24;
                if (matches(strings + Integer.toUnsignedLong(b.getInt((int) entry)), wanted)) {
                    return OptionalLong.of(b.getLong((int) entry + 8));
                }
            }
        }
        return OptionalLong.empty();
    }

    Optional<Integer> intAt(long address) {
        return offset(address).map(o -> b.getInt((int) (long) o));
    }

    /** The NUL-terminated string a pointer at {@code address} points to. */
    Optional<String> stringAt(long address) {
        return offset(address).flatMap(o -> offset(relocated(address).orElse(b.getLong((int) (long) o)))).map(o -> {
            int end = (int) (long) o;
            while (end < b.limit() && b.get(end) != 0) {
                end++;
            }
            byte[] text = new byte[end - (int) (long) o];
            b.get((int) (long) o, text);
            return new String(text, StandardCharsets.UTF_8);
        });
    }

    private OptionalLong relocated(long address) {
        for (int s = 0; s < sections(); s++) {
            if (b.getInt(section(s) + 4) != SHT_RELA) {
                continue;
            }
            long base = b.getLong(section(s) + 0x18);
            for (long i = 0; i < b.getLong(section(s) + 0x20) / 24; i++) {
                int entry = (int) (base + i * 24);
                long type = b.getLong(entry + 8) & 0xffffffffL;
                if (b.getLong(entry) == address && (type == R_X86_64_RELATIVE || type == R_AARCH64_RELATIVE)) {
                    return OptionalLong.of(b.getLong(entry + 16));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The file offset of a virtual address, through the (non-empty, file-backed) section that holds it. */
    private Optional<Long> offset(long address) {
        for (int s = 0; s < sections(); s++) {
            int h = section(s);
            long addr = b.getLong(h + 0x10);
            long size = b.getLong(h + 0x20);
            if (b.getInt(h + 4) != SHT_NOBITS && addr != 0 && address >= addr && address < addr + size) {
                return Optional.of(b.getLong(h + 0x18) + (address - addr));
            }
        }
        return Optional.empty();
    }

    private int sections() {
        return Short.toUnsignedInt(b.getShort(0x3C));
    }

    private int section(int index) {
        return (int) (b.getLong(0x28) + (long) index * Short.toUnsignedInt(b.getShort(0x3A)));
    }

    private boolean matches(long at, byte[] wanted) {
        if (at + wanted.length >= b.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (b.get((int) at + i) != wanted[i]) {
                return false;
            }
        }
        return b.get((int) at + wanted.length) == 0;
    }
}
