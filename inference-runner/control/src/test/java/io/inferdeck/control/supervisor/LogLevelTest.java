package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLevelTest {
    @Test
    void readsTheMarkersOfEachEngine() {
        assertThat(LogLevel.classify("INFO 11-29 10:00:01 api_server.py:1 vLLM API server version 0.6", null)).isEqualTo(LogLevel.INFO);
        assertThat(LogLevel.classify("WARNING 11-29 10:00:01 config.py:9 casting to float16", null)).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.classify("ERROR 11-29 10:00:01 engine.py:3 CUDA out of memory", null)).isEqualTo(LogLevel.ERROR);
        assertThat(LogLevel.classify("inferdeck-runner: error: model load failed", null)).isEqualTo(LogLevel.ERROR);
        assertThat(LogLevel.classify("inferdeck-runner: ready", null)).isEqualTo(LogLevel.INFO);
        assertThat(LogLevel.classify("[inferdeck] process exited with code 137; restarting in 500 ms", null)).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.classify("[1] [inferdeck] could not start: no such file", null)).isEqualTo(LogLevel.ERROR);
        assertThat(LogLevel.classify("W llama_model_load: tensor type mismatch", null)).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.classify("DEBUG slot 0: prompt cached", null)).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void stackTraceLinesFollowTheirErrorButIndentedInfoStaysInfo() {
        assertThat(LogLevel.classifyAll(List.of("Exception in thread main java.lang.IllegalStateException: x",
                "\tat a.B.c(B.java:1)", "Caused by: java.io.IOException: y", "... 3 more", "inferdeck-runner: ready",
                "   indented info"))).containsExactly(LogLevel.ERROR, LogLevel.ERROR, LogLevel.ERROR, LogLevel.ERROR,
                LogLevel.INFO, LogLevel.INFO);
    }
}
