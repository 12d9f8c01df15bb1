package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConcurrentReplaceTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private static final int PASSAGES = 6;
    private static final int REPLACEMENTS = 40;

    @Test
    void shouldShowEitherTheOldOrTheNewVersionOfADocumentNeverAMix() throws Exception {
        UUID documentId = UUID.randomUUID();
        try (LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory().withChunking(100, 0),
                new HashingEmbedder())) {
            base.knowledgeBase().index(version(documentId, "alpha"));
            AtomicBoolean writing = new AtomicBoolean(true);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<String> violations = new ArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    List<Citation> citations = base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER,
                            CHARACTER, "marker passage", new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 20)));
                    Set<String> versions = citations.stream().map(c -> c.content().split(" ")[0])
                            .collect(Collectors.toSet());
                    seen.addAll(versions);
                    if (citations.size() != PASSAGES || versions.size() != 1) {
                        synchronized (violations) {
                            violations.add(citations.size() + " passages of versions " + versions);
                        }
                    }
                }
            });

            for (int i = 0; i < REPLACEMENTS; i++) {
                base.knowledgeBase().index(version(documentId, i % 2 == 0 ? "beta" : "alpha"));
            }
            writing.set(false);
            reader.join();

            assertThat(violations).isEmpty();
            assertThat(seen).containsAnyOf("alpha", "beta");
        }
    }

    private static io.llmstream.core.model.DocumentContent version(UUID documentId, String version) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PASSAGES; i++) {
            text.append(version).append(" marker passage number ").append(i).append(" of the document, long enough to be a passage of its own.\n\n");
        }
        return TestDocuments.of(documentId, CHARACTER, "doc-" + version, "text/plain",
                text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
