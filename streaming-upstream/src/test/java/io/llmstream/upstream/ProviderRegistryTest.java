package io.llmstream.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    @Test
    void shouldKeepTheProvidersInTheOrderTheyWereAdded() {
        ProviderRegistry<String> registry = ProviderRegistry.<String>builder("LLM provider")
                .add("openai", "a").add("anthropic", "b").add("offline", "c").build();

        assertThat(registry.names()).containsExactly("openai", "anthropic", "offline");
        assertThat(registry.find("anthropic")).contains("b");
        assertThat(registry.find("mistral")).isEmpty();
    }

    @Test
    void shouldRefuseANameConfiguredTwice() {
        ProviderRegistry.Builder<String> builder = ProviderRegistry.<String>builder("LLM provider").add("openai", "a");

        assertThatThrownBy(() -> builder.add("openai", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LLM provider 'openai' is configured twice");
    }

    @Test
    void shouldRefuseABlankName() {
        assertThatThrownBy(() -> ProviderRegistry.<String>builder("text-to-speech provider").add(" ", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text-to-speech provider name must not be blank");
    }

    @Test
    void shouldListTheConfiguredNamesWhenOneIsUnknown() {
        ProviderRegistry<String> registry = ProviderRegistry.<String>builder("LLM provider")
                .add("openai", "a").add("offline", "b").build();

        assertThat(registry.unknown("mistral")).isEqualTo("unknown LLM provider 'mistral'; configured: openai, offline");
    }

    @Test
    void shouldCloseEveryCloseableProviderEvenWhenOneFailsToClose() {
        List<String> closed = new ArrayList<>();
        AutoCloseable failing = () -> {
            closed.add("failing");
            throw new IllegalStateException("already broken");
        };
        AutoCloseable healthy = () -> closed.add("healthy");
        ProviderRegistry<Object> registry = ProviderRegistry.builder("LLM provider")
                .add("a", failing).add("b", "not closeable").add("c", healthy).build();

        registry.close();

        assertThat(closed).containsExactly("failing", "healthy");
    }
}
