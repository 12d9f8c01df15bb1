package io.llmstream.core.port;

import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import java.util.Set;

/**
 * Streams a completion from an LLM gateway, pull style.
 *
 * <p>{@link #open} connects and returns a {@link Completion}; the caller pulls events with
 * {@link Completion#next()} on its own thread until it gets {@link LlmEvent.Finished}. The caller always
 * closes the completion (try-with-resources); closing it before the end cancels the upstream request
 * and closes its connection at once, also when another thread is blocked in {@code next()}, which then
 * throws an {@link LlmException} of code {@link LlmException.Code#CANCELLED}.
 *
 * <p>Implementations are thread-safe; one completion is used by one reading thread at a time.
 */
public interface LlmStream {

    /** The provider names {@link CompletionRequest#provider()} may name. */
    Set<String> providers();

    /**
     * Starts a completion. Connect errors, HTTP errors and retries before the first delta happen here or
     * in the first {@code next()}; either way they surface as {@link LlmException}.
     *
     * @throws LlmException with {@link LlmException.Code#UNKNOWN_PROVIDER} for a provider not in {@link #providers()}
     */
    Completion open(CompletionRequest request);

    /** One running completion. */
    interface Completion extends AutoCloseable {

        /** The provider actually used (the default when the request named none). */
        String provider();

        /** The model actually used. */
        String model();

        /**
         * Blocks until the next event. Returns {@link LlmEvent.TextDelta}s and {@link LlmEvent.ReasoningDelta}s,
         * then one {@link LlmEvent.Finished}; calling it again after that is an {@link IllegalStateException}.
         *
         * @throws LlmException when the upstream fails, times out, sends a malformed or truncated stream, or
         *                      the completion was closed
         */
        LlmEvent next();

        /** Cancels the upstream if still running; idempotent; never throws. */
        @Override
        void close();
    }
}
