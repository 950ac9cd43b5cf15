package io.inferdeck.gpu.nvml;

import java.util.function.IntSupplier;

/**
 * The one fallback rule for an NVML entry point that has a newer form older drivers lack: the
 * newer form is used until it turns out missing ({@link UnsatisfiedLinkError} on first call, or
 * NVML_ERROR_FUNCTION_NOT_FOUND) or, for calls that pass a versioned struct, rejects the struct
 * version (NVML_ERROR_ARGUMENT_VERSION_MISMATCH); that is remembered and the older form is called
 * from then on. Not thread-safe, like the binding that owns it.
 */
final class NvmlFallback {

    private final boolean versionedStruct;
    private boolean newer = true;

    /** @param versionedStruct whether a version mismatch also means "use the older form" */
    NvmlFallback(boolean versionedStruct) {
        this.versionedStruct = versionedStruct;
    }

    /** The newer form's code while it is usable, else the older form's. */
    int call(IntSupplier newerForm, IntSupplier olderForm) {
        if (newer) {
            try {
                int rc = newerForm.getAsInt();
                if (rc != NvmlBinding.ERROR_FUNCTION_NOT_FOUND
                        && !(versionedStruct && rc == NvmlBinding.ERROR_ARGUMENT_VERSION_MISMATCH)) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // the driver predates this entry point
            }
            newer = false;
        }
        return olderForm.getAsInt();
    }

    /** True until the newer form was found unusable; after a call, whether that call used it. */
    boolean usesNewer() {
        return newer;
    }
}
