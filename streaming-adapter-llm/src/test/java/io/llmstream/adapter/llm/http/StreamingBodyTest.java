package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingBodyTest {

    private final AtomicInteger releases = new AtomicInteger();
    private final Abort abort = new Abort("openai", () -> { });
    private final ScheduledExecutorService timer = Watchdog.newTimer("openai");
    private final Watchdog watchdog = new Watchdog(timer, LlmTimeouts.DEFAULTS, abort::fire);
    private final TextDecoder decoder = new TextDecoder();

    @AfterEach
    void stopTheTimer() {
        timer.shutdownNow();
    }

    @Test
    void shouldDeliverTheDeltasDecodedBeforeAnInStreamFailureFirstAndDropTheConnectionAtOnce() {
        StreamingBody body = body(bytes("Hello!"));

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hello"));
        assertThat(releases).hasValue(1);
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.code()).isEqualTo(Code.UPSTREAM_ERROR));
    }

    @Test
    void shouldCallABodyThatEndsWithoutItsEndMarkerTruncated() {
        StreamingBody body = body(bytes("Hello"));

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hello"));
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.TRUNCATED);
            assertThat(e).hasMessage("openai ended the stream without its end marker");
        });
    }

    @Test
    void shouldFinishWhenTheDecoderSeesTheEndMarker() {
        StreamingBody body = body(bytes("Hi."));

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hi."));
        assertThat(body.next()).isInstanceOf(LlmEvent.Finished.class);
    }

    @Test
    void shouldNameTheBytesReadWhenTheBodyBreaksOff() {
        StreamingBody body = body(new SequenceInputStream(bytes("abc"), broken()));

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("abc"));
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.TRUNCATED);
            assertThat(e.getMessage()).contains("openai broke the stream off after 3 bytes").contains("connection reset");
        });
    }

    @Test
    void shouldThrowTheAbortsReasonInsteadOfTheReadItBroke() {
        StreamingBody body = body(broken());
        abort.fire(new LlmException(Code.CANCELLED, "the completion from openai was closed by the caller"));

        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.code()).isEqualTo(Code.CANCELLED));
    }

    @Test
    void shouldReadTheBodyInPiecesOfAtMostTheReadBuffer() {
        StreamingBody body = body(bytes("x".repeat(StreamingBody.READ_BUFFER_BYTES * 2 + 10) + "."));

        List<Integer> sizes = new ArrayList<>();
        LlmEvent event;
        while (!((event = body.next()) instanceof LlmEvent.Finished)) {
            sizes.add(((LlmEvent.TextDelta) event).text().length());
        }

        assertThat(sizes).allMatch(size -> size <= StreamingBody.READ_BUFFER_BYTES).hasSizeGreaterThanOrEqualTo(3);
    }

    private StreamingBody body(InputStream in) {
        return new StreamingBody("openai", in, decoder, watchdog, abort, releases::incrementAndGet);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream broken() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
    }

    /** Each read is one text delta; {@code !} is an error sent in the stream, a final {@code .} the end marker. */
    private static final class TextDecoder implements EventDecoder {

        private boolean ended;

        @Override
        public void feed(byte[] bytes, int offset, int length, Consumer<LlmEvent> events) {
            String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
            int error = text.indexOf('!');
            if (error >= 0) {
                events.accept(new LlmEvent.TextDelta(text.substring(0, error)));
                throw new LlmException(Code.UPSTREAM_ERROR, "the provider reported an error");
            }
            events.accept(new LlmEvent.TextDelta(text));
            ended = text.endsWith(".");
        }

        @Override
        public void end(Consumer<LlmEvent> events) {
            if (ended) {
                events.accept(new LlmEvent.Finished("stop", Optional.empty()));
            }
        }
    }
}
