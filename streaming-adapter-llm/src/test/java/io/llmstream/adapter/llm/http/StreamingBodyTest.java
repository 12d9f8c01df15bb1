package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
        StreamingBody body = body("Hello!");

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hello"));
        assertThat(releases).hasValue(1);
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.code()).isEqualTo(Code.UPSTREAM_ERROR));
    }

    @Test
    void shouldCallABodyThatEndsWithoutItsEndMarkerTruncated() {
        StreamingBody body = body("Hello");

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hello"));
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.TRUNCATED);
            assertThat(e).hasMessage("openai ended the stream without its end marker");
        });
    }

    @Test
    void shouldFinishWhenTheDecoderSeesTheEndMarker() {
        StreamingBody body = body("Hi.");

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("Hi."));
        assertThat(body.next()).isInstanceOf(LlmEvent.Finished.class);
    }

    @Test
    void shouldNameTheBytesReadWhenTheBodyBreaksOff() {
        StreamingBody body = body("abc", new IOException("connection reset"));

        assertThat(body.next()).isEqualTo(new LlmEvent.TextDelta("abc"));
        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.TRUNCATED);
            assertThat(e.getMessage()).contains("openai broke the stream off after 3 bytes").contains("connection reset");
        });
    }

    @Test
    void shouldThrowTheAbortsReasonInsteadOfTheReadItBroke() {
        StreamingBody body = body(new IOException("connection reset"));
        abort.fire(new LlmException(Code.CANCELLED, "the completion from openai was closed by the caller"));

        assertThatThrownBy(body::next).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.code()).isEqualTo(Code.CANCELLED));
    }

    @Test
    void shouldDecodeEachBufferAsTheClientDeliversIt() {
        ByteBuffer readOnlySlice = ByteBuffer.wrap("--ab--".getBytes(StandardCharsets.UTF_8)).slice(2, 2)
                .asReadOnlyBuffer(); // what the JDK client hands over
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put("c.".getBytes(StandardCharsets.UTF_8)).flip();
        StreamingBody body = body(readOnlySlice, direct);

        List<LlmEvent> events = new ArrayList<>();
        LlmEvent event;
        do {
            event = body.next();
            events.add(event);
        } while (!(event instanceof LlmEvent.Finished));

        assertThat(events).containsExactly(new LlmEvent.TextDelta("ab"), new LlmEvent.TextDelta("c."),
                new LlmEvent.Finished("stop", Optional.empty()));
    }

    /** A body of {@code parts}: strings and buffers are delivered in turn, an {@link IOException} is thrown. */
    private StreamingBody body(Object... parts) {
        Deque<Object> left = new ArrayDeque<>(List.of(parts));
        StreamingBody.Source source = () -> switch (left.poll()) {
            case null -> null;
            case String text -> ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            case ByteBuffer buffer -> buffer;
            case IOException e -> throw e;
            default -> throw new IllegalArgumentException();
        };
        return new StreamingBody("openai", source, decoder, watchdog, abort, releases::incrementAndGet);
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
