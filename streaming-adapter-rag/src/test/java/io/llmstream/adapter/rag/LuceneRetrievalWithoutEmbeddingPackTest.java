package io.llmstream.adapter.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.embedding.EmbeddingException;
import io.llmstream.adapter.rag.embedding.EmbeddingPack;
import io.llmstream.adapter.rag.embedding.OpenAiCompatibleEmbedder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app started without its embeddings jar: the in-process runtime's classes cannot be loaded. */
class LuceneRetrievalWithoutEmbeddingPackTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private static final EmbeddingPack ABSENT =
            EmbeddingPack.in(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));

    @TempDir
    Path modelDir;

    @Test
    void shouldLeaveTheBundledModelOut() {
        assertThat(LuceneRetrieval.embedder(new EmbeddingConfig.InProcess(), ABSENT)).isEmpty();
    }

    @Test
    void shouldRefuseAModelDirectoryNamingWhatIsMissing() {
        assertThatThrownBy(() -> LuceneRetrieval.embedder(new EmbeddingConfig.OnnxDirectory(modelDir), ABSENT))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining(modelDir.toAbsolutePath().toString())
                .hasMessageContaining("the in-process embedding runtime is not on the class path");
    }

    @Test
    void shouldKeepAnEmbeddingServiceWhichNeedsNoRuntime() {
        EmbeddingConfig service = new EmbeddingConfig.OpenAiCompatible(URI.create("http://127.0.0.1:9"), "nomic",
                Optional.empty(), Duration.ofSeconds(1));

        assertThat(LuceneRetrieval.embedder(service, ABSENT)).get().isInstanceOf(OpenAiCompatibleEmbedder.class);
    }

    @Test
    void shouldAnswerTwoStageByBm25AloneInTheSingleStageOrder() {
        try (LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory(), Optional.empty())) {
            base.knowledgeBase().index(TestDocuments.markdown(CHARACTER, "sleep.md", """
                    # Sleep
                    Adults need seven to nine hours of sleep per night.

                    # Naps
                    A short nap of twenty minutes improves alertness and sleep quality.
                    """));

            List<Citation> twoStage = retrieve(base, SearchStrategy.TWO_STAGE);
            List<Citation> singleStage = retrieve(base, SearchStrategy.SINGLE_STAGE);

            assertThat(twoStage).hasSize(2).allSatisfy(citation -> assertThat(citation.secondStageScore()).isEmpty());
            assertThat(twoStage.stream().map(Citation::id).toList()).isEqualTo(singleStage.stream().map(Citation::id).toList());
            assertThat(base.embeddingProgress().total()).as("nothing is embedded").isZero();
        }
    }

    private static List<Citation> retrieve(LuceneRetrieval base, SearchStrategy strategy) {
        return base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER, "how many hours of sleep",
                new SearchToolConfig(strategy, 2)));
    }
}
