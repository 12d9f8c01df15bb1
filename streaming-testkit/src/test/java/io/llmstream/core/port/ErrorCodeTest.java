package io.llmstream.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /** Codes that never reach a client: refused with 400 before a stream starts, or closed by the caller itself. */
    private static final Set<ErrorCode> NEVER_SENT = Set.of(LlmException.Code.UNKNOWN_PROVIDER, LlmException.Code.CANCELLED,
            SpeechException.Code.CANCELLED);

    private static Stream<ErrorCode> everyCode() {
        return Stream.of(ErrorCode.Stream.values(), LlmException.Code.values(), SpeechException.Code.values())
                .flatMap(Arrays::stream);
    }

    @Test
    void shouldKeepTheWireStringsClientsAlreadyParse() {
        assertThat(ErrorCode.Stream.NODE_LOST.wireCode()).isEqualTo("node_lost");
        assertThat(ErrorCode.Stream.LIMIT_ANSWER_LENGTH.wireCode()).isEqualTo("limit_answer_length");
        assertThat(LlmException.Code.UPSTREAM_ERROR.wireCode()).isEqualTo("llm_upstream_error");
        assertThat(SpeechException.Code.ENGINE_FAILED.wireCode()).isEqualTo("tts_engine_failed");
    }

    @Test
    void shouldGiveEveryCodeItsOwnWireString() {
        assertThat(everyCode().map(ErrorCode::wireCode)).doesNotHaveDuplicates();
    }

    @Test
    void shouldDocumentEveryCodeAClientCanSee() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "api.md")) + Files.readString(Path.of("..", "docs", "audio.md"));

        everyCode().filter(code -> !NEVER_SENT.contains(code)).forEach(code ->
                assertThat(docs).as("docs/api.md or docs/audio.md names " + code.wireCode()).contains("`" + code.wireCode() + "`"));
    }
}
