package io.inferdeck.control.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The gateway's JSON readers and writers. Jackson recycles its parse buffers per thread by default, which on
 * virtual threads (one per request) means fresh buffers for every parse; these share one pool instead. Immutable
 * and thread-safe constants.
 */
final class GatewayJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

    /**
     * Client request bodies: numbers with a fraction read as exact decimals, so a body written back after a change
     * (compat, masking) keeps them as the client wrote them, and the cache key compares them by value.
     */
    static final ObjectMapper REQUEST = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /** Engine replies and the gateway's own pages. */
    static final ObjectMapper REPLY = JsonMapper.builder(FACTORY).build();

    private GatewayJson() {
    }
}
