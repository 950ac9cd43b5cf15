package io.inferdeck.tuning.fit;

/**
 * How llama.cpp spreads a model over several GPUs ({@code --split-mode}): NONE uses only the main GPU;
 * LAYER gives each GPU whole layers (with their KV cache and scratch) in tensor-split proportion; ROW
 * places layers as LAYER does but spreads every weight matrix by rows over all GPUs in tensor-split
 * proportion (llama.cpp's split buffer), so only norms, KV cache and scratch follow the layer.
 */
public enum SplitMode {
    NONE, LAYER, ROW
}
