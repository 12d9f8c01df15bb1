package io.llmstream.core.port;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import java.util.List;

/**
 * Finds the passages of a character's knowledge base that answer a question.
 *
 * <p>Honours the query's strategy and {@code topK}: returns at most {@code topK} passages of that
 * character only, best first, with scores normalised to 0..1. An empty knowledge base or no match is an
 * empty list, not an error. Thread-safe; called on the streaming thread.
 */
public interface ContextRetriever {

    /**
     * @throws RetrievalException when the search itself failed; the core logs it and answers without context
     */
    List<Citation> retrieve(RetrievalQuery query);
}
