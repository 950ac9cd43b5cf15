package io.inferdeck.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.gguf.ModelSummary;
import java.nio.file.Path;

/**
 * What /v1/models says about the served model and the engine around it: OpenAI's model object plus an
 * {@code "inferdeck"} member with the backend (cpu/cuda/...), the native library actually in use, the
 * model summary from its GGUF header and the runtime knobs. Immutable.
 *
 * @param id the model id clients see: the file name without {@code .gguf}
 */
record ModelCard(String id, ModelSummary summary, Path file, long createdEpochSeconds, String backend,
                 Path nativeLibrary, boolean customNativeLibrary, RunnerOptions options) {

    static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    ObjectNode modelsJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("object", "list");
        ObjectNode m = root.putArray("data").addObject();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", createdEpochSeconds);
        m.put("owned_by", "inferdeck");
        ObjectNode x = m.putObject("inferdeck");
        x.put("backend", backend);
        x.put("native_library", nativeLibrary.toString());
        x.put("custom_native_library", customNativeLibrary);
        ObjectNode model = x.putObject("model");
        model.put("name", summary.name());
        model.put("architecture", summary.architecture());
        model.put("quant", summary.quant());
        model.put("parameters", summary.parameters());
        model.put("file_bytes", summary.fileBytes());
        if (summary.contextLength().isPresent()) {
            model.put("context_length", summary.contextLength().getAsLong());
        }
        model.put("path", file.toAbsolutePath().toString());
        RunnerOptions o = options;
        ObjectNode rt = x.putObject("runtime");
        rt.put("ctx", o.ctx());
        rt.put("parallel", o.parallel());
        rt.put("ctx_per_slot", o.ctxPerSlot());
        rt.put("queue", o.queue());
        rt.put("threads", o.threads());
        rt.put("batch", o.batch());
        rt.put("ubatch", o.ubatch());
        rt.put("cache_type_k", OptionsParser.name(o.cacheTypeK()));
        rt.put("cache_type_v", OptionsParser.name(o.cacheTypeV()));
        rt.put("flash_attn", o.flashAttn());
        rt.put("gpu_layers", o.gpuLayers());
        rt.put("split_mode", o.splitMode().name().toLowerCase(java.util.Locale.ROOT));
        o.tensorSplit().forEach(rt.putArray("tensor_split")::add);
        rt.put("main_gpu", o.mainGpu());
        rt.put("mlock", o.mlock());
        rt.put("mmap", !o.noMmap());
        return root;
    }
}
