package io.inferdeck.control.metrics;

/** Which engine wrote a /metrics page, told apart by its metric name prefixes. */
public enum EngineFlavor {
    BUILTIN("builtin", "inferdeck_"),
    LLAMA_CPP("llama.cpp", "llamacpp:"),
    VLLM("vllm", "vllm:"),
    /** Nothing we know: every normalized figure is "not available". */
    UNKNOWN("unknown", null);

    private final String id;
    private final String prefix;

    EngineFlavor(String id, String prefix) {
        this.id = id;
        this.prefix = prefix;
    }

    public String id() {
        return id;
    }

    /** First flavour (in declaration order) with any sample name carrying its prefix. */
    public static EngineFlavor detect(ParsedMetrics m) {
        for (EngineFlavor f : values()) {
            if (f.prefix != null && m.names().stream().anyMatch(n -> n.startsWith(f.prefix))) {
                return f;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return id;
    }
}
