package io.inferdeck.gpu.nvml;

/** libnvidia-ml could not be loaded; the message says why (the dlopen errors). */
public final class NvmlUnavailableException extends RuntimeException {

    public NvmlUnavailableException(String reason) {
        super(reason);
    }
}
