package io.inferdeck.control.archfixture;

import de.kherud.llama.LlamaModel;

/** Deliberately breaks the layering (llama.cpp outside the runner); only ArchitectureTest imports it. */
public final class LlamaOutsideRunner {
    LlamaModel model;
}
