package io.inferdeck.control.driver;

import java.util.Collection;

/**
 * Which parts of OpenAI's request surface an engine takes, as far as the gateway in front of it must know:
 * what it refuses itself with a clear 400 ({@code unsupported_parameter}, naming the parameter) and which
 * harmless defaults it strips before forwarding. Immutable.
 *
 * @param tools                 {@code tools} / {@code tool_choice} / {@code parallel_tool_calls} reach the engine
 * @param responseFormats       {@code response_format} other than {@code {"type":"text"}} reaches the engine
 * @param rejectsUnknownFields  the engine refuses fields it does not know (as OpenAI's own API does), so the
 *                              gateway removes the ones clients send at their no-op value ({@code logit_bias: {}},
 *                              {@code store: false}, {@code user}, {@code metadata}, ...) before forwarding
 */
public record OpenAiSupport(boolean tools, boolean responseFormats, boolean rejectsUnknownFields) {
    /**
     * Everything passes through untouched: for engines that take the features themselves or answer an
     * unsupported one with their own error (the gateway does not know better than the engine).
     */
    public static final OpenAiSupport PASS_THROUGH = new OpenAiSupport(true, true, false);

    /** What holds for every one of {@code engines}: the gateway may route a request to any of them. */
    public static OpenAiSupport common(Collection<OpenAiSupport> engines) {
        return new OpenAiSupport(engines.stream().allMatch(OpenAiSupport::tools),
                engines.stream().allMatch(OpenAiSupport::responseFormats),
                engines.stream().anyMatch(OpenAiSupport::rejectsUnknownFields));
    }
}
