package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-stream limits over real sockets: the stream ends with an error event naming the limit; the partial answer is kept. */
class StreamLimitsEndToEndTest {

    @TempDir
    Path dataDir;

    private AppFixture app;

    @BeforeEach
    void start() throws Exception {
        app = new AppFixture(dataDir, Map.of("streaming.max-answer-chars", "12", "streaming.max-duration-seconds", "1"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldEndAnAnswerThatGrowsPastTheLimitWithLimitAnswerLength() throws Exception {
        String threadId = app.conversationWithKnowledge()[1];

        AppFixture.Sse sse = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream",
                "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}").body());

        assertThat(sse.last().get("type").asText()).isEqualTo("error");
        assertThat(sse.last().get("code").asText()).isEqualTo("limit_answer_length");
        assertThat(sse.chunkText().length()).isLessThanOrEqualTo(12 + " Künstliche".length());
        JsonNode answer = awaitAnswer(threadId);
        assertThat(answer.get("status").asText()).isEqualTo("interrupted");
        assertThat(answer.get("error_code").asText()).isEqualTo("limit_answer_length");
        assertThat(answer.get("content").asText()).isEqualTo(sse.chunkText()).isNotEmpty();
    }

    @Test
    void shouldEndAStreamThatRunsPastTheLimitWithLimitDuration() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];

        AppFixture.Sse sse = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream",
                "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}").body());

        assertThat(sse.last().get("type").asText()).isEqualTo("error");
        assertThat(sse.last().get("code").asText()).isEqualTo("limit_duration");
        JsonNode answer = awaitAnswer(threadId);
        assertThat(answer.get("status").asText()).isEqualTo("interrupted");
        assertThat(answer.get("error_code").asText()).isEqualTo("limit_duration");
        assertThat(answer.get("content").asText()).isEqualTo("KI");
    }

    private JsonNode awaitAnswer(String threadId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode messages = app.json(app.get("/api/v1/conversations/" + threadId)).get("messages");
            if (messages.size() == 2) {
                return messages.get(1);
            }
            assertThat(System.nanoTime()).as("the answer to be persisted").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
