package io.llmstream.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void shouldQuoteTheMessageAndTypeOfAnOpenAiOrAnthropicError() {
        assertThat(gist("{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\"}}"))
                .isEqualTo("Incorrect API key (invalid_request_error)");
    }

    @Test
    void shouldQuoteAnOllamaErrorString() {
        assertThat(gist("{\"error\":\"model 'x' not found\"}")).isEqualTo("model 'x' not found");
    }

    @Test
    void shouldQuoteATopLevelMessage() {
        assertThat(gist("{\"message\":\"quota exceeded\"}")).isEqualTo("quota exceeded");
    }

    @Test
    void shouldPutPlainTextOnOneLineAndShortenItTo300Characters() {
        String page = "<html>\n  <body>" + "x".repeat(400) + "</body>\n</html>";

        String gist = gist(page);

        assertThat(gist).doesNotContain("\n").startsWith("<html> <body>xxx").endsWith("...").hasSize(303);
    }

    @Test
    void shouldNameAnEmptyBody() {
        assertThat(gist("  \n")).isEqualTo("(empty body)");
    }

    @Test
    void shouldNameABodyThatCannotBeRead() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThat(ErrorBodies.gist(broken)).isEqualTo("(body unreadable: connection reset)");
    }

    private static String gist(String body) {
        return ErrorBodies.gist(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
