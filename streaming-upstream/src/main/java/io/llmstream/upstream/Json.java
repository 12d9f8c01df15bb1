package io.llmstream.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the LLM and text-to-speech adapters.
 *
 * <p>Its buffers come from a pool shared by all threads instead of Jackson's default per-thread pool: every
 * stream runs on a virtual thread of its own, and a per-thread pool kept ~12 KiB of parser and generator buffers
 * alive for each running stream (seen in the load harness's heap profile of idle streams).
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());

    private Json() {
    }
}
