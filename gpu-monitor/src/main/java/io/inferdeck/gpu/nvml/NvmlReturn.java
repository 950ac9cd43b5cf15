package io.inferdeck.gpu.nvml;

/**
 * NVML's {@code nvmlReturn_t} (nvml.h, NVML 12/13), with the header's meaning of each code.
 * Codes this enum does not know map to {@link #UNRECOGNIZED}; the caller keeps the raw number.
 */
public enum NvmlReturn {
    SUCCESS(0, "The operation was successful"),
    ERROR_UNINITIALIZED(1, "NVML was not first initialized with nvmlInit()"),
    ERROR_INVALID_ARGUMENT(2, "A supplied argument is invalid"),
    ERROR_NOT_SUPPORTED(3, "The requested operation is not available on the target device"),
    ERROR_NO_PERMISSION(4, "The current user does not have permission for the operation"),
    ERROR_ALREADY_INITIALIZED(5, "Multiple initializations (deprecated code)"),
    ERROR_NOT_FOUND(6, "A query to find an object was unsuccessful"),
    ERROR_INSUFFICIENT_SIZE(7, "An input argument is not large enough"),
    ERROR_INSUFFICIENT_POWER(8, "A device's external power cables are not properly attached"),
    ERROR_DRIVER_NOT_LOADED(9, "The NVIDIA driver is not loaded"),
    ERROR_TIMEOUT(10, "The user-provided timeout passed"),
    ERROR_IRQ_ISSUE(11, "The NVIDIA kernel detected an interrupt issue with a GPU"),
    ERROR_LIBRARY_NOT_FOUND(12, "NVML shared library could not be found or loaded"),
    ERROR_FUNCTION_NOT_FOUND(13, "Local version of NVML does not implement this function"),
    ERROR_CORRUPTED_INFOROM(14, "The infoROM is corrupted"),
    ERROR_GPU_IS_LOST(15, "The GPU has fallen off the bus or has otherwise become inaccessible"),
    ERROR_RESET_REQUIRED(16, "The GPU requires a reset before it can be used again"),
    ERROR_OPERATING_SYSTEM(17, "The GPU control device has been blocked by the operating system/cgroups"),
    ERROR_LIB_RM_VERSION_MISMATCH(18, "RM detects a driver/library version mismatch"),
    ERROR_IN_USE(19, "An operation cannot be performed because the GPU is currently in use"),
    ERROR_MEMORY(20, "Insufficient memory"),
    ERROR_NO_DATA(21, "No data"),
    ERROR_VGPU_ECC_NOT_SUPPORTED(22, "The requested vGPU operation is not available because ECC is enabled"),
    ERROR_INSUFFICIENT_RESOURCES(23, "Ran out of critical resources, other than memory"),
    ERROR_FREQ_NOT_SUPPORTED(24, "The requested frequency is not supported"),
    ERROR_ARGUMENT_VERSION_MISMATCH(25, "The provided version is invalid/unsupported"),
    ERROR_DEPRECATED(26, "The requested functionality has been deprecated"),
    ERROR_NOT_READY(27, "The system is not ready for the request"),
    ERROR_GPU_NOT_FOUND(28, "No GPUs were found"),
    ERROR_INVALID_STATE(29, "Resource not in correct state to perform the requested operation"),
    ERROR_RESET_TYPE_NOT_SUPPORTED(30, "Reset not supported for the given device/parameters"),
    ERROR_UNKNOWN(999, "An internal driver error occurred"),
    /** A code newer than this enum. */
    UNRECOGNIZED(-1, "Unrecognized NVML return code");

    private static final NvmlReturn[] BY_CODE = new NvmlReturn[31];

    static {
        for (NvmlReturn r : values()) {
            if (r.code >= 0 && r.code < BY_CODE.length) {
                BY_CODE[r.code] = r;
            }
        }
    }

    private final int code;
    private final String message;

    NvmlReturn(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public static NvmlReturn of(int code) {
        if (code >= 0 && code < BY_CODE.length) {
            return BY_CODE[code];
        }
        return code == ERROR_UNKNOWN.code ? ERROR_UNKNOWN : UNRECOGNIZED;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** "NVML_ERROR_GPU_IS_LOST (15): The GPU has fallen off the bus ..." for any raw code. */
    public static String describe(int rawCode) {
        NvmlReturn r = of(rawCode);
        return r == UNRECOGNIZED
                ? "NVML return code " + rawCode + " (" + r.message + ")"
                : "NVML_" + r.name() + " (" + rawCode + "): " + r.message;
    }
}
