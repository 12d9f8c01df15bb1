package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.embedding.EmbeddingPack;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddingsDescriptionTest {

    /** Sees the JDK only, as the app's class loader does when streaming-embedding.jar is not beside the app jar. */
    private static final EmbeddingPack ABSENT =
            EmbeddingPack.in(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));

    @Test
    void shouldSayEmbeddingsAreOffWhyAndHowToTurnThemOnWithoutThePack() {
        String line = EmbeddingsDescription.of(Optional.empty(), ABSENT);

        assertThat(line).startsWith("off, the in-process embedding runtime is not on the class path")
                .contains("two_stage questions are answered by BM25 alone")
                .contains("put streaming-embedding.jar beside streaming-app.jar")
                .contains("RAG_EMBEDDING_BASE_URL");
    }

    @Test
    void shouldNameTheBundledModelAndItsNativesWithThePack() {
        assertThat(EmbeddingsDescription.of(Optional.empty(), EmbeddingPack.onClassPath()))
                .startsWith("bundled all-MiniLM-L6-v2 (in-process, native libraries for linux-x86_64, linux-aarch64");
    }

    @Test
    void shouldNameAConfiguredServiceWhetherOrNotThePackIsThere() {
        EmbeddingConfig service = new EmbeddingConfig.OpenAiCompatible(URI.create("http://127.0.0.1:11434"), "nomic",
                Optional.of("secret"), Duration.ofSeconds(10));

        assertThat(EmbeddingsDescription.of(Optional.of(service), ABSENT)).isEqualTo(service.toString()).doesNotContain("secret");
    }
}
