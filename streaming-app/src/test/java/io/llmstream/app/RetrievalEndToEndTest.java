package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in retrieval wired in the app: question translation by the configured LLM, background embedding on /metrics. */
class RetrievalEndToEndTest {

    private static final String TRANSLATION_PROMPT = "You translate search questions";

    @TempDir
    java.nio.file.Path dataDir;

    @Test
    void shouldTranslateAQuestionIntoTheKnowledgeBasesLanguageWithTheConfiguredLlmBeforeSearching() throws Exception {
        try (AppFixture app = new AppFixture(dataDir, Map.of("rag.translation.enabled", "true"))) {
            app.upstream.answeringWhenAsked(TRANSLATION_PROMPT, List.of("de: Wie hoch ist die Kaution für die Wohnung?"));
            String threadId = germanKnowledgeBase(app);

            JsonNode done = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream", "{\"thread_id\":\"" + threadId
                    + "\",\"message\":\"How big is the security deposit for the flat?\","
                    + "\"search_tool_config\":{\"strategy\":\"two_stage\",\"top_k\":1}}").body()).last();

            assertThat(done.get("type").asText()).isEqualTo("done");
            assertThat(done.get("retrieved").get(0).get("content").asText()).contains("Kaution von drei Monatsmieten");
            List<String> asked = app.upstream.bodies();
            assertThat(asked).hasSize(2);
            assertThat(asked.get(0)).as("the translation, before the answer").contains(TRANSLATION_PROMPT)
                    .contains("German (de)").contains("How big is the security deposit for the flat?");
            assertThat(asked.get(1)).doesNotContain(TRANSLATION_PROMPT).contains("Kaution von drei Monatsmieten");
            assertThat(app.get("/metrics").body()).contains("llmstream_rag_translation_failures_total 0.0");
        }
    }

    @Test
    void shouldShowOnMetricsHowFarTheBackgroundReembeddingOfAnIndexWithoutVectorsIs() throws Exception {
        try (AppFixture withoutVectors = new AppFixture(dataDir, Map.of("rag.embed-at-ingestion", "false"))) {
            germanKnowledgeBase(withoutVectors);
            assertThat(metric(withoutVectors, "llmstream_rag_reembedding_passages")).isZero();
        }

        try (AppFixture app = new AppFixture(dataDir, Map.of())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(app, "llmstream_rag_reembedding_running") == 0);

            assertThat(metric(app, "llmstream_rag_passages")).isEqualTo(3);
            assertThat(metric(app, "llmstream_rag_reembedding_passages")).isEqualTo(3);
            assertThat(metric(app, "llmstream_rag_reembedding_done")).isEqualTo(3);
        }
    }

    @Test
    void shouldEmbedUploadedArtifactsInTheBackgroundAndCountThemOnMetrics() throws Exception {
        try (AppFixture app = new AppFixture(dataDir, Map.of())) {
            assertThat(metric(app, "llmstream_rag_reembedding_done")).isZero();

            germanKnowledgeBase(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(app, "llmstream_rag_reembedding_running") == 0);

            assertThat(metric(app, "llmstream_rag_reembedding_done")).isEqualTo(3);
            assertThat(metric(app, "llmstream_rag_reembedding_passages")).isEqualTo(3);
        }
    }

    /** Three German passages in two documents; returns a conversation's thread id. */
    private static String germanKnowledgeBase(AppFixture app) throws Exception {
        app.post("/api/v1/characters", "{\"role\":\"makler\",\"system_prompt\":\"Du bist Makler.\"}");
        app.post("/api/v1/artifacts", "{\"role\":\"makler\",\"title\":\"Wohnung Lindenstraße\",\"content_type\":\"text/markdown\","
                + "\"content\":\"## Miete\\n\\nDie Wohnung in der Lindenstraße kostet 650 Euro kalt.\\n\\n## Kaution\\n\\n"
                + "Für die Wohnung in der Lindenstraße ist eine Kaution von drei Monatsmieten zu zahlen.\"}");
        app.post("/api/v1/artifacts", "{\"role\":\"makler\",\"title\":\"Hallenbad\",\"content_type\":\"text/markdown\","
                + "\"content\":\"## Öffnungszeiten\\n\\nDas Hallenbad am Markt ist werktags von 6 bis 22 Uhr geöffnet.\"}");
        return app.json(app.post("/api/v1/conversations", "{\"role\":\"makler\"}")).get("thread_id").asText();
    }

    private static double metric(AppFixture app, String name) throws Exception {
        Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(app.get("/metrics").body());
        assertThat(value.find()).as(name + " on /metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }
}
