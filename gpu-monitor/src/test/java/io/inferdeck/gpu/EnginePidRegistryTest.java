package io.inferdeck.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnginePidRegistryTest {

    @Test
    void registeredPidsResolveUntilUnregistered() {
        EnginePidRegistry registry = new EnginePidRegistry();
        registry.register(4242L, "qwen-7b");
        assertThat(registry.engineName(4242L)).contains("qwen-7b");
        assertThat(registry.engineName(4243L)).isEmpty();
        registry.unregister(4242L);
        assertThat(registry.engineName(4242L)).isEmpty();
    }
}
