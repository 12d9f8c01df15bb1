package io.llmstream.adapter.rag.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class EmbeddingPackTest {

    @Test
    void shouldBeInstalledAndNameTheNativesWhenTheRuntimeIsOnTheClassPath() {
        EmbeddingPack pack = EmbeddingPack.onClassPath();

        assertThat(pack.installed()).isTrue();
        assertThat(pack.describe()).isEqualTo(NativeLibraries.describe());
    }

    @Test
    void shouldNameTheFirstMissingClassWhenTheRuntimeIsNotOnTheClassPath() {
        // sees the JDK only, as the app's class loader does when its embeddings jar is not beside it
        EmbeddingPack pack = EmbeddingPack.in(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));

        assertThat(pack.installed()).isFalse();
        assertThat(pack.describe()).isEqualTo("the in-process embedding runtime is not on the class path ("
                + "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel not found)");
    }
}
